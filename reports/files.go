package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// maxName bounds the length of a sanitised file name.
const maxName = 64

// safeName sanitises s for use as a file name: letters, digits and hyphens
// only (anything else becomes a hyphen, runs of hyphens collapse, and
// leading and trailing hyphens go), at most maxName bytes. A name with
// nothing left becomes "x-" and a short hash of s, so it is never empty,
// never "." or "..", and never holds a path separator.
func safeName(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !ok {
			if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = true
			continue
		}
		hyphen = false
		b.WriteRune(r)
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > maxName {
		out = strings.TrimRight(out[:maxName], "-")
	}
	if out == "" {
		sum := sha256.Sum256([]byte(s))
		out = "x-" + hex.EncodeToString(sum[:4])
	}
	return out
}

// councilFiles assigns each council code a page, councils/<name>.html,
// with a sanitised, unique name: codes that sanitise alike get a suffix.
func councilFiles(cs []Council) map[string]string {
	out := make(map[string]string, len(cs))
	used := map[string]bool{}
	for _, c := range cs {
		if _, ok := out[c.Code]; ok {
			continue
		}
		base := safeName(c.Code)
		name := base
		for i := 2; used[strings.ToLower(name)]; i++ {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		used[strings.ToLower(name)] = true
		out[c.Code] = "councils/" + name + ".html"
	}
	return out
}

// writeFile writes data to the relative path rel under dir, refusing any
// path that would leave dir.
func writeFile(dir, rel string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return fmt.Errorf("reports: refusing to write %q outside the output folder", rel)
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
