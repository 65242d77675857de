package charset

import (
	"testing"
	"unicode/utf8"
)

// FuzzDecode feeds arbitrary bytes and Content-Type headers to the charset
// decoder that every stored page goes through: it must not panic, must name
// the encoding it used, and whatever it transcoded must be UTF-8. The seed
// corpus (testdata/fuzz/FuzzDecode) holds the charsets councils' servers
// send: windows-1252 in the header, ISO-8859-1 in <meta>, UTF-16 with a
// byte-order mark, and no charset at all.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("<p>Caf\xe9 \xa3</p>"), "text/html; charset=windows-1252")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "text/html")
	f.Add([]byte(`<meta charset="iso-8859-1"><p>Caf`+"\xe9"), "text/html")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, name := Decode(body, contentType)
		if name == "" {
			t.Fatalf("no encoding named for %q", body)
		}
		if name != "utf-8" && !validUTF8(out) {
			t.Fatalf("decoded from %s, got invalid UTF-8 %q", name, out)
		}
		if name == "utf-8" && len(out) > len(body) {
			t.Fatalf("utf-8 passthrough grew from %d to %d bytes", len(body), len(out))
		}
		_ = utf8.RuneCount(out)
	})
}
