// Package charset decides how a page's stored bytes are read as text: the
// one decoder that the crawler (for link texts), the scorer (for the tree
// the rules and the page facts come from) and every other reader of a body
// use, so that a page is never read two ways. It wraps
// golang.org/x/net/html/charset with the HTML standard's order of
// precedence and a windows-1252 fallback for bodies that name no encoding
// and are not UTF-8, as browsers do.
package charset

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	htmlcharset "golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// maxPrescan is how much of a body the <meta charset> prescan reads, as in
// the HTML standard's encoding-sniffing algorithm.
const maxPrescan = 1024

// Decode turns a page's stored bytes into UTF-8. The encoding comes from
// the Content-Type header's charset parameter when it names one, then from
// a byte-order mark or a <meta charset> in the first 1,024 bytes, then from
// sniffing; a page that names no encoding and is not valid UTF-8 is read as
// windows-1252, as browsers do. It returns the decoded bytes and the name
// of the encoding used. Bodies that are already UTF-8 are returned as they
// are, without copying.
func Decode(body []byte, contentType string) ([]byte, string) {
	var enc encoding.Encoding
	var name string
	var certain bool
	if !strings.Contains(strings.ToLower(contentType), "charset") && !hasBOM(body) && !containsFold(prefix(body, maxPrescan), "<meta") {
		// Nothing to prescan: skip the tokenizer.
		enc, name = charmap.Windows1252, "windows-1252"
		if validUTF8(body) {
			enc, name = encoding.Nop, "utf-8"
		}
	} else {
		enc, name, certain = htmlcharset.DetermineEncoding(prefix(body, maxPrescan), contentType)
	}
	if !certain && isUTF8(name) && !validUTF8(body) {
		// Only the first 1,024 bytes were sniffed: a page that names no
		// encoding and is not UTF-8 further on is read as windows-1252.
		enc, name = charmap.Windows1252, "windows-1252"
	}
	if !certain && !strings.HasPrefix(name, "utf-16") && isASCII(body) {
		// Every ASCII-compatible encoding reads ASCII the same way.
		return body, name
	}
	if enc == nil || isUTF8(name) {
		// Strip a UTF-8 byte-order mark; the parser would keep it as text.
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), "utf-8"
	}
	out, err := decodeAll(enc, body)
	if err != nil {
		return body, "utf-8"
	}
	return out, name
}

func prefix(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func isUTF8(name string) bool {
	return name == "utf-8" || name == "utf8" || name == ""
}

func decodeAll(enc encoding.Encoding, body []byte) ([]byte, error) {
	r := transform.NewReader(bytes.NewReader(body), enc.NewDecoder())
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/8)
	if _, err := io.Copy(&buf, r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// validUTF8 reports whether b is UTF-8, allowing an incomplete last rune
// (a body cut at the size cap).
func validUTF8(b []byte) bool {
	i := len(b) - 1
	for i >= 0 && len(b)-i < utf8.UTFMax && !utf8.RuneStart(b[i]) {
		i--
	}
	if i >= 0 && !utf8.FullRune(b[i:]) {
		b = b[:i]
	}
	return utf8.Valid(b)
}

// isASCII reports whether b has only 7-bit bytes.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if (uint64(b[0])|uint64(b[1])|uint64(b[2])|uint64(b[3])|uint64(b[4])|uint64(b[5])|uint64(b[6])|uint64(b[7]))&0x80 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func hasBOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(b, []byte("\xfe\xff")) || bytes.HasPrefix(b, []byte("\xff\xfe"))
}

// containsFold reports whether b contains the lower-case ASCII string s,
// ignoring ASCII case.
func containsFold(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		j := 0
		for j < len(s) && b[i+j]|0x20 == s[j] {
			j++
		}
		if j == len(s) {
			return true
		}
	}
	return false
}
