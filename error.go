package reach

import (
	"errors"
	"fmt"
)

// Code is a stable, machine-readable error code. Clients branch on it, so a
// code is never renamed. The HTTP layer maps every code to one status in a
// single table; Codes lists them all so that table can be checked.
type Code string

// Codes of whole requests: Error.Code.
const (
	EMALFORMED            Code = "malformed_request"
	EUNSUPPORTEDMEDIA     Code = "unsupported_media_type"
	EUNAUTHENTICATED      Code = "unauthenticated"
	EFORBIDDEN            Code = "forbidden"
	ENOTFOUND             Code = "not_found"
	EMETHODNOTALLOWED     Code = "method_not_allowed"
	ECONFLICT             Code = "conflict"
	EVERSIONCONFLICT      Code = "version_conflict"
	EPRECONDITIONREQUIRED Code = "precondition_required"
	EVALIDATION           Code = "validation_failed"
	ETOOLARGE             Code = "request_too_large"
	EINTERNAL             Code = "internal"
	ENOTREADY             Code = "not_ready"
	ELASTADMIN            Code = "last_admin"
	// ETOOMANYATTEMPTS: too many sign-in attempts for an account or from an
	// address; wait before trying again.
	ETOOMANYATTEMPTS Code = "too_many_attempts"

	// Idempotency-Key misuse.
	EIDEMPOTENCYREUSED Code = "idempotency_key_reused"
	EIDEMPOTENCYBUSY   Code = "idempotency_key_in_use"

	// Sync and revert.
	ECROSSCUSTOMER     Code = "cross_customer_confirmation_required"
	EPLACEHOLDERSYNC   Code = "placeholder_sync_forbidden"
	EREVERTCONFLICT    Code = "revert_conflict"
	EREVERTUNSUPPORTED Code = "revert_not_supported"
)

// Codes of single fields: FieldError.Code, inside a validation_failed error.
const (
	EINVALIDPHONE         Code = "invalid_phone"
	EINTERNATIONAL        Code = "international_number"
	EINVALIDEMAIL         Code = "invalid_email"
	EPLACEHOLDER          Code = "placeholder_value"
	EDUPLICATECONTACT     Code = "duplicate_contact_method"
	EREQUIRED             Code = "required"
	ETOOLONG              Code = "too_long"
	ETOOSHORT             Code = "too_short"
	ECONTROLCHARS         Code = "control_characters"
	EFORMATCHARS          Code = "format_characters"
	EINVALIDVALUE         Code = "invalid_value"
	EUNKNOWNFIELD         Code = "unknown_field"
	EWRONGTYPE            Code = "wrong_type"
	EINVALIDKIND          Code = "invalid_kind"
	EKINDCHANGE           Code = "kind_change_not_allowed"
	EEXTENSIONNOTALLOWED  Code = "extension_not_allowed"
	EMULTIPLEPRIMARY      Code = "multiple_primary"
	EINVALIDSTATE         Code = "invalid_state"
	EINVALIDPOSTALCODE    Code = "invalid_postal_code"
	EINVALIDCOUNTRY       Code = "invalid_country"
	EUNKNOWNCONTACTMETHOD Code = "unknown_contact_method"
	EINVALIDROLE          Code = "invalid_role"
	ESYNCNOTAPPLICABLE    Code = "sync_not_applicable"
	ESYNCTARGETINVALID    Code = "sync_target_invalid"
)

// Codes lists every code above; a test keeps it complete.
var Codes = []Code{
	EMALFORMED, EUNSUPPORTEDMEDIA, EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND, EMETHODNOTALLOWED, ECONFLICT,
	EVERSIONCONFLICT, EPRECONDITIONREQUIRED, EVALIDATION, ETOOLARGE, EINTERNAL, ENOTREADY, ELASTADMIN, ETOOMANYATTEMPTS,
	EIDEMPOTENCYREUSED, EIDEMPOTENCYBUSY,
	ECROSSCUSTOMER, EPLACEHOLDERSYNC, EREVERTCONFLICT, EREVERTUNSUPPORTED,
	EINVALIDPHONE, EINTERNATIONAL, EINVALIDEMAIL, EPLACEHOLDER, EDUPLICATECONTACT, EREQUIRED, ETOOLONG, ETOOSHORT,
	ECONTROLCHARS, EFORMATCHARS, EINVALIDVALUE, EUNKNOWNFIELD, EWRONGTYPE, EINVALIDKIND, EKINDCHANGE,
	EEXTENSIONNOTALLOWED, EMULTIPLEPRIMARY, EINVALIDSTATE, EINVALIDPOSTALCODE, EINVALIDCOUNTRY,
	EUNKNOWNCONTACTMETHOD, EINVALIDROLE, ESYNCNOTAPPLICABLE, ESYNCTARGETINVALID,
}

// Error is the one error type of the domain. Code is for machines, Message for
// people (it says what was wrong and what to do) and never carries internals;
// Err, when set, is the underlying cause, kept for logs.
type Error struct {
	Code    Code
	Message string
	// Fields lists per-field problems of a validation_failed error.
	Fields []FieldError
	// Details carries structured extras a client needs to act on the error,
	// such as the records that conflict.
	Details map[string]any
	// Err is the cause (a driver error, say); never shown to clients.
	Err error
}

// FieldError is one problem with one input field. Field is the path of the
// field in the request, such as "contact_methods[2].value".
type FieldError struct {
	Field   string `json:"field"`
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	s := fmt.Sprintf("reach error: code=%s message=%s", e.Code, e.Message)
	if len(e.Fields) > 0 {
		s += fmt.Sprintf(" fields=%v", e.Fields)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause, so logs and errors.Is see the driver's error.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of a domain error, or EINTERNAL for anything else.
func ErrorCode(err error) Code {
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
func (v *Validation) Add(field string, code Code, message string) {
	v.Fields = append(v.Fields, FieldError{Field: field, Code: code, Message: message})
}

// Failed reports whether anything was added.
func (v *Validation) Failed() bool { return len(v.Fields) > 0 }

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

// Invalid returns a validation_failed error about one field.
func Invalid(field string, code Code, message string) *Error {
	return &Error{Code: EVALIDATION, Message: message, Fields: []FieldError{{Field: field, Code: code, Message: message}}}
}

// NotFound returns the error for an id that does not exist in the caller's tenant.
// Another tenant's id is indistinguishable from an unknown one.
func NotFound(what, id string) *Error {
	return Errorf(ENOTFOUND, "No %s with id %q exists.", what, id)
}

// VersionConflict returns the error for a write based on a stale version.
func VersionConflict(what, id string, have, want int64) *Error {
	e := Errorf(EVERSIONCONFLICT, "The %s %s has changed since version %d, which your change was based on: it is at version %d now. Reload it and apply your change again.", what, id, want, have)
	if want > have {
		e = Errorf(EVERSIONCONFLICT, "The %s %s has no version %d yet: it is at version %d. Send the version of the ETag you read.", what, id, want, have)
	}
	e.Details = map[string]any{"current_version": have}
	return e
}
