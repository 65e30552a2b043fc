package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"

	"reach"
)

// A cursor is a position in one list: one route of one tenant, read with
// the same filters. It names all three, so a cursor of the customer list is
// refused by the call list, one of Texas's customers by California's, and
// one of another tenant's list everywhere: a client can never read
// positions it was not given, nor page through a list it did not ask for.
// Only limit may change from page to page.

// cursor reads the cursor parameter and returns the position it holds; ""
// for the first page.
func (q *query) cursor() string {
	s := q.str("cursor", 500)
	if s == "" {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.SplitN(string(b), "\x00", 3)
	if err != nil || len(parts) != 3 || parts[0] != "c2" || parts[1] != q.listTag() || parts[2] == "" {
		q.v.Add("cursor", reach.EINVALIDVALUE, "The cursor is not one of this list's: pass the next_cursor of the previous page, with the same filters.")
		return ""
	}
	return parts[2]
}

// next returns the cursor of the page after position pos; "" when pos is ""
// (there is none).
func (q *query) next(pos string) string {
	if pos == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("c2\x00" + q.listTag() + "\x00" + pos))
}

// listTag identifies the list a request reads — tenant, path and filters —
// without spelling any of them.
func (q *query) listTag() string {
	filters := url.Values{}
	for name, vals := range q.values {
		if name != "cursor" && name != "limit" {
			filters[name] = vals
		}
	}
	sum := sha256.Sum256([]byte(actor(q.r).TenantID + "\x00" + q.r.URL.Path + "?" + filters.Encode()))
	return hex.EncodeToString(sum[:12])
}

// offset reads the cursor of a list paged by position (search results, the
// placeholder report): how many items the pages before held.
func (q *query) offset() int {
	pos := q.cursor()
	if pos == "" {
		return 0
	}
	n, err := strconv.Atoi(pos)
	if err != nil || n < 0 {
		q.v.Add("cursor", reach.EINVALIDVALUE, "The cursor is not one of this list's: pass the next_cursor of the previous page, with the same filters.")
		return 0
	}
	return n
}
