package reach

import (
	"errors"
	"fmt"
)

// Error codes. Each is stable: clients branch on it, so a code is never renamed.
// The HTTP layer maps each to one status in a single table.
const (
	EMALFORMED            = "malformed_request"
	EUNAUTHENTICATED      = "unauthenticated"
	EFORBIDDEN            = "forbidden"
	ENOTFOUND             = "not_found"
	ECONFLICT             = "conflict"
	EVERSIONCONFLICT      = "version_conflict"
	EPRECONDITIONREQUIRED = "precondition_required"
	EVALIDATION           = "validation_failed"
	ETOOLARGE             = "request_too_large"
	EINTERNAL             = "internal"

	// Field-level codes, carried in Error.Fields.
	EINVALIDPHONE         = "invalid_phone"
	EINTERNATIONAL        = "international_number"
	EINVALIDEMAIL         = "invalid_email"
	EDUPLICATECONTACT     = "duplicate_contact_method"
	EREQUIRED             = "required"
	ETOOLONG              = "too_long"
	ECONTROLCHARS         = "control_characters"
	EINVALIDVALUE         = "invalid_value"
	EINVALIDKIND          = "invalid_kind"
	EKINDCHANGE           = "kind_change_not_allowed"
	EEXTENSIONNOTALLOWED  = "extension_not_allowed"
	EMULTIPLEPRIMARY      = "multiple_primary"
	EINVALIDSTATE         = "invalid_state"
	EINVALIDPOSTALCODE    = "invalid_postal_code"
	EINVALIDCOUNTRY       = "invalid_country"
	EUNKNOWNCONTACTMETHOD = "unknown_contact_method"
	EINVALIDROLE          = "invalid_role"
	EINACTIVE             = "record_inactive"

	// Sync codes.
	ECROSSCUSTOMER     = "cross_customer_confirmation_required"
	EPLACEHOLDERSYNC   = "placeholder_sync_forbidden"
	ESYNCNOTAPPLICABLE = "sync_not_applicable"
	ESYNCTARGETINVALID = "sync_target_invalid"
	EREVERTCONFLICT    = "revert_conflict"
	EREVERTUNSUPPORTED = "revert_not_supported"

	// Placeholder codes.
	EPLACEHOLDER = "placeholder_value"
)

// Error is the one error type of the domain. Code is for machines, Message for
// people (it says what was wrong and what to do) and never carries internals.
type Error struct {
	Code    string
	Message string
	// Fields lists per-field problems of a validation_failed error.
	Fields []FieldError
	// Details carries structured extras a client needs to act on the error,
	// such as the records that conflict.
	Details map[string]any
}

// FieldError is one problem with one input field.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("reach error: code=%s message=%s fields=%v", e.Code, e.Message, e.Fields)
	}
	return fmt.Sprintf("reach error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a domain error, or EINTERNAL for anything else.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of err: the domain message, or a
// generic sentence for internal errors whose text may leak internals.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// Validation collects field problems so one response can report all of them.
type Validation struct {
	Fields []FieldError
}

// Add records a problem with field.
func (v *Validation) Add(field, code, message string) {
	v.Fields = append(v.Fields, FieldError{Field: field, Code: code, Message: message})
}

// Err returns nil when nothing was added, or a validation_failed *Error.
func (v *Validation) Err() error {
	if len(v.Fields) == 0 {
		return nil
	}
	msg := v.Fields[0].Message
	if len(v.Fields) > 1 {
		msg = fmt.Sprintf("%d fields are invalid; see errors.", len(v.Fields))
	}
	return &Error{Code: EVALIDATION, Message: msg, Fields: v.Fields}
}

// NotFound returns the error for an id that does not exist in the caller's tenant.
// Another tenant's id is indistinguishable from an unknown one.
func NotFound(what, id string) *Error {
	return Errorf(ENOTFOUND, "No %s with id %q exists.", what, id)
}

// VersionConflict returns the error for a write based on a stale version.
func VersionConflict(what, id string, have, want int64) *Error {
	e := Errorf(EVERSIONCONFLICT, "The %s %s was changed by someone else (now version %d, you sent %d). Reload it and apply your change again.", what, id, have, want)
	e.Details = map[string]any{"current_version": have}
	return e
}
