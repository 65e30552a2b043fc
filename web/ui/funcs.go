package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io/fs"
	"strings"
	"time"

	"reach"
	"reach/phone"
)

// funcs are the templates' helpers: presentation only, never a rule.
var funcs = template.FuncMap{
	"asset":     asset,
	"kindLabel": kindLabel,
	"when":      when,
	"iso":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"national":  national,
	"recordURL": recordURL,
	"add":       func(a, b int) int { return a + b },
	"dict":      dict,
	"lower":     strings.ToLower,
}

// assetVersions maps each static file to a hash of its content, so its URL
// changes when it does and browsers may cache it.
var assetVersions = func() map[string]string {
	out := map[string]string{}
	_ = fs.WalkDir(staticFiles, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFiles.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[strings.TrimPrefix(path, "static/")] = hex.EncodeToString(sum[:6])
		return nil
	})
	return out
}()

// national shows a stored number as people write it: (512) 867-5309.
func national(e164 string) string { return phone.Format(e164, "") }

func asset(name string) string { return "/static/" + name + "?v=" + assetVersions[name] }

func kindLabel(k reach.Kind) string {
	switch k {
	case reach.KindMobile:
		return "Mobile"
	case reach.KindPhone:
		return "Phone"
	case reach.KindFax:
		return "Fax"
	case reach.KindEmail:
		return "Email"
	}
	return string(k)
}

// when shows a time in UTC; the page's script shows it in the reader's zone.
func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("Jan 2, 2006 15:04 UTC")
}

// recordURL is the page of a customer or location.
func recordURL(t reach.RecordType, id string) string {
	if t == reach.RecordLocation {
		return "/locations/" + id
	}
	return "/customers/" + id
}

// dict builds a map for passing several values to a partial.
func dict(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		m[k] = kv[i+1]
	}
	return m
}
