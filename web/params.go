package web

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"reach"
)

// IDPath is the {id} of a route.
type IDPath struct {
	ID string `path:"id" maxLength:"64" doc:"Opaque id."`
}

// IfMatchHeader carries the record version a write is based on.
type IfMatchHeader struct {
	IfMatch string `header:"If-Match" doc:"The record version the write is based on, as sent in ETag: \"3\". A stale version is refused with 412 version_conflict."`
}

// version parses If-Match: "3", W/"3" or 3. Absent means nil.
func (m IfMatchHeader) version() (*int64, error) {
	s := strings.TrimSpace(m.IfMatch)
	if s == "" {
		return nil, nil
	}
	s = strings.Trim(strings.TrimPrefix(s, "W/"), `"`)
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 1 {
		return nil, reach.Errorf(reach.EMALFORMED, "If-Match must be a record version as sent in ETag, such as \"3\".")
	}
	return &v, nil
}

// etag formats a record version as an entity tag.
func etag(version int64) string { return fmt.Sprintf(`"%d"`, version) }

// PageQuery is the cursor pagination of list routes.
type PageQuery struct {
	Cursor string `query:"cursor" maxLength:"200" doc:"next_cursor of the previous page."`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

// encodeCursor and decodeCursor keep cursors opaque to clients.
// A cursor carries a marker so one made up or mangled is refused rather than
// silently read as a position.
const cursorMark = "reach1:"

func encodeCursor(s string) string {
	if s == "" {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(cursorMark + s))
}

func decodeCursor(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	pos, ok := strings.CutPrefix(string(b), cursorMark)
	if err != nil || !ok || pos == "" {
		return "", reach.Errorf(reach.EMALFORMED, "The cursor is not valid; use the next_cursor of a previous page.")
	}
	return pos, nil
}

// Page is one page of a list.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// op describes one API operation for huma and the OpenAPI document.
func op(method, path, id, tag, summary string, status int) huma.Operation {
	return huma.Operation{OperationID: id, Method: method, Path: path, Tags: []string{tag}, Summary: summary,
		DefaultStatus: status, MaxBodyBytes: maxBodyBytes}
}

// fail converts an app error into the problem huma writes.
func (s *Server) fail(ctx context.Context, err error) error { return s.problem(ctx, err) }
