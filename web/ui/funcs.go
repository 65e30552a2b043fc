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
	"kindIcon":  kindIcon,
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

// kindIcons are small line drawings of each kind, beside (never instead of)
// its name: a handset for mobile, a desk phone, a fax machine, an envelope.
var kindIcons = map[reach.Kind]string{
	reach.KindMobile: `<rect x="4.5" y="1.5" width="7" height="13" rx="1.5"/><path d="M7 12.5h2"/>`,
	reach.KindPhone:  `<path d="M2 6c0-2 2.5-3.5 6-3.5S14 4 14 6l-2.5.5L11 5H5l-.5 1.5z"/><rect x="3" y="8" width="10" height="6" rx="1"/><circle cx="8" cy="11" r="1.2"/>`,
	reach.KindFax:    `<path d="M4.5 6V1.5h7V6"/><rect x="1.5" y="6" width="13" height="6" rx="1"/><path d="M4.5 10.5h7v4h-7z"/>`,
	reach.KindEmail:  `<rect x="1.5" y="3.5" width="13" height="9" rx="1"/><path d="m2 4 6 5 6-5"/>`,
}

func kindIcon(k reach.Kind) template.HTML {
	d, ok := kindIcons[k]
	if !ok {
		return ""
	}
	return template.HTML(`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round">` + d + `</svg>`)
}
