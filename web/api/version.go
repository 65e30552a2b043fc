package api

import (
	"net/http"
	"strconv"
	"strings"

	"reach"
)

// baseVersion is the record version a write says it is based on: the
// entity tag of If-Match, compared strongly, or version in the body; 0
// when the request names none (the app then refuses the write with 428).
func baseVersion(r *http.Request, body *int64) (int64, error) {
	header := strings.TrimSpace(strings.Join(r.Header.Values("If-Match"), ","))
	var fromHeader int64
	switch {
	case header == "" || header == "*":
	case strings.HasPrefix(header, "W/"):
		return 0, reach.Errorf(reach.EVERSIONCONFLICT, "If-Match compares entity tags strongly, so a weak tag (%s) never matches; send the ETag exactly as received, such as \"3\".", header)
	default:
		v, err := strconv.ParseInt(strings.Trim(header, `"`), 10, 64)
		if err != nil || !strings.HasPrefix(header, `"`) || !strings.HasSuffix(header, `"`) || len(header) < 3 {
			return 0, reach.Errorf(reach.EMALFORMED, "If-Match must be one entity tag as sent in ETag, such as \"3\" (got %s).", header)
		}
		if v < 1 {
			return 0, reach.Errorf(reach.EMALFORMED, "If-Match names version %d, but versions start at 1: send the ETag you read.", v)
		}
		fromHeader = v
	}
	if body != nil {
		if *body < 1 {
			return 0, reach.Errorf(reach.EMALFORMED, "version is a record version, a whole number from 1 (got %d).", *body)
		}
		if fromHeader != 0 && fromHeader != *body {
			return 0, reach.Errorf(reach.EMALFORMED, "If-Match names version %d but the body's version is %d; send one, or the same in both.", fromHeader, *body)
		}
		return *body, nil
	}
	return fromHeader, nil
}

// versionBody is the optional version member of a write's body.
type versionBody struct {
	Version *int64 `json:"version,omitempty"`
}

// decodeWrite reads the body of a write to an existing record into in, whose
// version member is v, and returns the version the write is based on.
func decodeWrite(r *http.Request, in any, v *versionBody) (int64, error) {
	if err := decode(r, in); err != nil {
		return 0, err
	}
	return baseVersion(r, v.Version)
}
