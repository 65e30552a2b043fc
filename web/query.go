package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"unicode/utf8"

	"reach"
)

// CheckQuery reads r's query parameters. A query string that is not
// well-formed — a bad percent escape, text that is not UTF-8 — is a
// malformed request, returned as the error: a filter that can't be read
// must not be dropped and match everything. Each parameter the route does
// not take (names), or that is given more than once, is recorded in v: a
// misspelt filter must not silently match everything either, nor a
// repeated one pick a value unseen.
func CheckQuery(v *reach.Validation, r *http.Request, names ...string) (url.Values, error) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return values, reach.Errorf(reach.EMALFORMED, "The query string can't be read (%v): percent-encode reserved characters, such as %% as %%25.", err)
	}
	for name, vals := range values {
		if !utf8.ValidString(name) || slices.ContainsFunc(vals, func(s string) bool { return !utf8.ValidString(s) }) {
			return values, reach.Errorf(reach.EMALFORMED, "The query string is not UTF-8: percent-encode text as UTF-8.")
		}
	}
	for name, vals := range values {
		switch {
		case !slices.Contains(names, name):
			v.Add(name, reach.EUNKNOWNFIELD, fmt.Sprintf("%s is not a parameter of this route (names are case-sensitive).", name))
		case len(vals) > 1:
			v.Add(name, reach.EINVALIDVALUE, fmt.Sprintf("%s is given %d times; give it once.", name, len(vals)))
		}
	}
	return values, nil
}

// NoQuery serves h only to requests without query parameters.
func (s *Server) NoQuery(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v reach.Validation
		_, err := CheckQuery(&v, r)
		if err == nil {
			err = v.Err()
		}
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		h.ServeHTTP(w, r)
	})
}
