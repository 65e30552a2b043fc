package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"reach"
)

// Problem is an RFC 9457 problem document with reach's stable machine code.
type Problem struct {
	Type      string             `json:"type"`
	Title     string             `json:"title"`
	Status    int                `json:"status"`
	Code      string             `json:"code"`
	Detail    string             `json:"detail"`
	RequestID string             `json:"request_id,omitempty"`
	Errors    []reach.FieldError `json:"errors,omitempty"`
	// Extra holds extension members (such as current_version), written at the
	// top level of the document as RFC 9457 allows.
	Extra map[string]any `json:"-"`
}

// Error satisfies error; huma writes any error with GetStatus as the response.
func (p *Problem) Error() string { return p.Detail }

// GetStatus tells huma the HTTP status.
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes huma send problems as application/problem+json.
func (p *Problem) ContentType(string) string { return "application/problem+json" }

// MarshalJSON inlines Extra next to the standard members.
func (p *Problem) MarshalJSON() ([]byte, error) {
	type plain Problem
	base, err := json.Marshal((*plain)(p))
	if err != nil || len(p.Extra) == 0 {
		return base, err
	}
	m := map[string]any{}
	if err := json.Unmarshal(base, &m); err != nil {
		return nil, err
	}
	for k, v := range p.Extra {
		if _, taken := m[k]; !taken {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// statusOf is the one table from error code to HTTP status.
var statusOf = map[string]int{
	reach.EMALFORMED:            http.StatusBadRequest,
	reach.EUNAUTHENTICATED:      http.StatusUnauthorized,
	reach.EFORBIDDEN:            http.StatusForbidden,
	reach.ENOTFOUND:             http.StatusNotFound,
	reach.ECONFLICT:             http.StatusConflict,
	reach.ECROSSCUSTOMER:        http.StatusConflict,
	reach.EREVERTCONFLICT:       http.StatusConflict,
	reach.EVERSIONCONFLICT:      http.StatusPreconditionFailed,
	reach.EPRECONDITIONREQUIRED: http.StatusPreconditionRequired,
	reach.EVALIDATION:           http.StatusUnprocessableEntity,
	reach.ETOOLARGE:             http.StatusRequestEntityTooLarge,
	reach.EINTERNAL:             http.StatusInternalServerError,
}

// problemFor turns any error from the app into the problem sent to the client.
// Internal errors are logged by the caller and reach the client as a generic
// sentence.
func problemFor(ctx context.Context, err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	code := reach.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusUnprocessableEntity // a field-level code used as a top-level one
	}
	p = &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code,
		Detail: reach.ErrorMessage(err), RequestID: requestID(ctx)}
	var e *reach.Error
	if errors.As(err, &e) {
		p.Errors, p.Extra = e.Fields, e.Details
	}
	return p
}

// humaError is installed as huma.NewErrorWithContext so huma's own errors
// (unparseable JSON, schema violations, oversized bodies) come out as reach
// problems with stable codes.
func humaError(ctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
	code := map[int]string{
		http.StatusBadRequest:            reach.EMALFORMED,
		http.StatusUnprocessableEntity:   reach.EVALIDATION,
		http.StatusRequestEntityTooLarge: reach.ETOOLARGE,
		http.StatusUnauthorized:          reach.EUNAUTHENTICATED,
		http.StatusForbidden:             reach.EFORBIDDEN,
		http.StatusNotFound:              reach.ENOTFOUND,
		http.StatusPreconditionFailed:    reach.EVERSIONCONFLICT,
		http.StatusUnsupportedMediaType:  "unsupported_media_type",
	}[status]
	if code == "" {
		if status >= 500 {
			code, msg = reach.EINTERNAL, "Internal error."
		} else {
			code = reach.EMALFORMED
		}
	}
	var rctx context.Context = context.Background()
	if ctx != nil {
		rctx = ctx.Context()
	}
	p := &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code, Detail: humaMessage(status, msg), RequestID: requestID(rctx)}
	for _, err := range errs {
		if err == nil {
			continue
		}
		var d *huma.ErrorDetail
		if errors.As(err, &d) {
			p.Errors = append(p.Errors, fieldError(d))
		} else if status < 500 {
			p.Errors = append(p.Errors, reach.FieldError{Code: reach.EINVALIDVALUE, Message: err.Error()})
		}
	}
	for _, f := range p.Errors {
		if status == http.StatusUnprocessableEntity && (f.Code == "unknown_field" || f.Code == "wrong_type") {
			// A body of the wrong shape is malformed, not a broken business rule.
			p.Status, p.Title, p.Code = http.StatusBadRequest, http.StatusText(http.StatusBadRequest), reach.EMALFORMED
			p.Detail = humaMessage(http.StatusBadRequest, msg)
			break
		}
	}
	return p
}

func humaMessage(status int, msg string) string {
	switch status {
	case http.StatusRequestEntityTooLarge:
		return "The request body is too large; the limit is 1 MiB."
	case http.StatusUnsupportedMediaType:
		return "Send the request body as JSON with Content-Type: application/json."
	case http.StatusBadRequest:
		return "The request is malformed: it is not JSON, or not shaped as this route expects. See errors for each problem."
	case http.StatusUnprocessableEntity:
		return "The request has invalid values; see errors for each problem."
	}
	return msg
}

// wrongType matches huma's messages for a value of the wrong JSON type, such
// as "expected string" — not range checks like "expected number >= 1".
var wrongType = regexp.MustCompile(`^expected (string|number|integer|boolean|object|array)( or null)?$`)

// fieldError turns huma's detail ("body.address.zip", "expected string") into
// a field error with a stable code.
func fieldError(d *huma.ErrorDetail) reach.FieldError {
	field := d.Location
	for _, p := range []string{"body.", "query.", "path.", "header."} {
		field = strings.TrimPrefix(field, p)
	}
	code := reach.EINVALIDVALUE
	switch m := d.Message; {
	case strings.Contains(m, "unexpected property"):
		code = "unknown_field"
	case strings.Contains(m, "required property"):
		code = reach.EREQUIRED
	case wrongType.MatchString(m):
		code = "wrong_type"
	case strings.Contains(m, "length <="), strings.Contains(m, "array length"):
		code = reach.ETOOLONG
	}
	return reach.FieldError{Field: field, Code: code, Message: d.Message}
}

// writeProblem writes a problem outside huma (plain handlers, middleware).
func writeProblem(w http.ResponseWriter, p *Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
