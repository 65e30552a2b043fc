package web

import (
	"fmt"
	"net/http"
	"slices"

	"reach"
)

// CheckQuery records in v each query parameter of r that its route does not
// take (names), or that is given more than once: a misspelt filter must not
// silently match everything, nor a repeated one pick a value unseen.
func CheckQuery(v *reach.Validation, r *http.Request, names ...string) {
	for name, vals := range r.URL.Query() {
		switch {
		case !slices.Contains(names, name):
			v.Add(name, reach.EUNKNOWNFIELD, fmt.Sprintf("%s is not a parameter of this route (names are case-sensitive).", name))
		case len(vals) > 1:
			v.Add(name, reach.EINVALIDVALUE, fmt.Sprintf("%s is given %d times; give it once.", name, len(vals)))
		}
	}
}

// NoQuery serves h only to requests without query parameters.
func (s *Server) NoQuery(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v reach.Validation
		CheckQuery(&v, r)
		if err := v.Err(); err != nil {
			s.Fail(w, r, err)
			return
		}
		h.ServeHTTP(w, r)
	})
}
