package ui

import (
	"net/http"
	"strconv"
	"strings"

	"reach"
)

// searchPage is the home page: one box, and what it found.
type searchPage struct {
	frame
	Query   string
	Results []reach.SearchResult
	More    bool
	First   int // the place of the first result shown, from 1
	Next    int // the offset of the next page of results
	Error   string
}

// searchPageSize is how many results a page shows.
const searchPageSize = 20

func (u *ui) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	offset, _ := strconv.Atoi(r.URL.Query().Get("from"))
	p := &searchPage{frame: u.frameFor(r, "Search", "search"), Query: q}
	if q != "" {
		p.Title = q + " – Search"
		results, more, err := u.app.Search(r.Context(), p.Actor, q, max(offset, 0), searchPageSize)
		switch {
		case err != nil && isInvalid(err):
			p.Error = messageOf(err)
		case err != nil:
			u.fail(w, r, err)
			return
		}
		p.Results, p.More, p.First, p.Next = results, more, max(offset, 0)+1, max(offset, 0)+len(results)
	}
	u.render(w, r, http.StatusOK, "search", p)
}

// isInvalid reports whether err is the request's fault, shown on the page.
func isInvalid(err error) bool {
	switch reach.ErrorCode(err) {
	case reach.EVALIDATION, reach.ETOOLONG, reach.EINVALIDVALUE:
		return true
	}
	return false
}
