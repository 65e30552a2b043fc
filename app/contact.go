package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"reach"
	"reach/email"
	"reach/phone"
	"reach/placeholder"
)

// ContactMethodInput is a contact method as a client sends it, alone or as one
// entry of a whole set.
type ContactMethodInput struct {
	// ID names an existing method of the record (keeping its history); empty
	// adds a new one.
	ID string `json:"id,omitempty"`
	// Kind defaults to email for addresses, otherwise mobile (phone when an
	// extension is given).
	Kind reach.Kind `json:"kind,omitempty"`
	// Value is the number or address as typed.
	Value     string `json:"value"`
	Extension string `json:"extension,omitempty"`
	Memo      string `json:"memo,omitempty"`
	Primary   bool   `json:"primary,omitempty"`
}

// ContactMethodPatch changes some fields of one contact method.
type ContactMethodPatch struct {
	Kind      *reach.Kind `json:"kind,omitempty"`
	Value     *string     `json:"value,omitempty"`
	Extension *string     `json:"extension,omitempty"`
	Memo      *string     `json:"memo,omitempty"`
	Primary   *bool       `json:"primary,omitempty"`
}

// Limits of contact-method input.
const (
	maxValueLen     = 320 // an email address is at most 254; room for a number typed with words
	maxExtensionLen = 10
)

// Validation is the answer to an as-you-type check. A placeholder is
// refused but was read, so its normalized value is given too.
type Validation struct {
	Valid     bool       `json:"valid"`
	Kind      reach.Kind `json:"kind"`
	Value     string     `json:"value,omitempty"`
	Display   string     `json:"display,omitempty"`
	Extension string     `json:"extension,omitempty"`
	Code      reach.Code `json:"code,omitempty"`
	Message   string     `json:"message,omitempty"`
}

// Validate checks one value as it would be checked on save — placeholder
// rules included — without writing.
func (a *App) Validate(ctx context.Context, actor reach.Actor, kind reach.Kind, value string) (Validation, error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return Validation{}, err
	}
	var out Validation
	err := a.view(ctx, actor, func(w *work) error {
		rules, err := w.placeholders()
		if err != nil {
			return err
		}
		var v reach.Validation
		m := normalizeContact(&v, rules, "", ContactMethodInput{Kind: kind, Value: value}, nil)
		if v.Failed() {
			f := v.Fields[0]
			out = Validation{Kind: m.Kind, Code: f.Code, Message: f.Message}
			if f.Code == reach.EPLACEHOLDER { // read fine, and refused as what it is
				out.Value, out.Display, out.Extension = m.Value, m.Display, m.Extension
			}
			return nil
		}
		out = Validation{Valid: true, Kind: m.Kind, Value: m.Value, Display: m.Display, Extension: m.Extension}
		return nil
	})
	return out, err
}

// fieldPath names a field of the request: a name inside the entry at prefix
// ("contact_methods[2]" and "value" make "contact_methods[2].value"; "" and
// "value" make "value").
func fieldPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// normalizeContact turns input into a contact method's kind, value, key,
// display, extension, memo and primary flag, reporting problems under the
// entry at prefix. A number is judged in order: can it be read, is it
// domestic, is it valid, is it a placeholder — so an international number is
// called international and a mistyped one invalid, whatever filler it
// resembles. A value the method already held (old) is not judged as a
// placeholder again, so staff can still change the memo of a value stored
// before a rule existed.
func normalizeContact(v *reach.Validation, rules *placeholderRules, prefix string, in ContactMethodInput, old *reach.ContactMethod) reach.ContactMethod {
	m := reach.ContactMethod{Kind: in.Kind, Primary: in.Primary}
	m.Memo = cleanText(v, fieldPath(prefix, "memo"), in.Memo, maxMemoLen, false)
	ext := strings.TrimSpace(in.Extension)
	m.Kind = kindOf(in)
	valueField := fieldPath(prefix, "value")
	switch {
	case !m.Kind.Valid():
		v.Add(fieldPath(prefix, "kind"), reach.EINVALIDKIND, fmt.Sprintf("Kind %q is not one of mobile, phone, fax, email.", m.Kind))
		return m
	case utf8.RuneCountInString(in.Value) > maxValueLen:
		v.Add(valueField, reach.ETOOLONG, fmt.Sprintf("The value is too long to be a phone number or an email address (at most %d characters).", maxValueLen))
		return m
	case m.Kind == reach.KindEmail:
		if ext != "" {
			v.Add(fieldPath(prefix, "extension"), reach.EEXTENSIONNOTALLOWED, "An email address has no extension; remove it.")
		}
		addr, err := email.Parse(in.Value)
		if err != nil {
			v.Add(valueField, reach.EINVALIDEMAIL, err.Error())
			return m
		}
		m.Value, m.Key, m.Display = addr.Value, addr.Key, addr.Display
	default:
		if !normalizeNumber(v, rules, prefix, in.Value, ext, &m) {
			return m
		}
	}
	if old != nil && old.Key == m.Key {
		return m
	}
	if flag := rules.check(m.Kind, m.Value); flag != nil {
		v.Add(valueField, reach.EPLACEHOLDER, fmt.Sprintf("%s is a placeholder, not a real %s: %s (rule %s). If the customer has none, leave it out (remove the entry) rather than enter a placeholder.",
			m.Display, kindNoun(m.Kind), flag.Reason, flag.Rule))
	}
	return m
}

// normalizeNumber reads a phone or fax number with its extension into m,
// or reports why it can't be saved.
func normalizeNumber(v *reach.Validation, rules *placeholderRules, prefix, value, ext string, m *reach.ContactMethod) bool {
	n, err := phone.Parse(value)
	if err != nil {
		var pe *phone.Error
		errors.As(err, &pe)
		code, msg := reach.EINVALIDPHONE, pe.Message
		if pe.International {
			code = reach.EINTERNATIONAL
		} else if flag := rules.check(m.Kind, value); flag != nil {
			msg += fmt.Sprintf(" It looks like a placeholder (%s): if the customer has no number, leave it out (remove the entry).", flag.Reason)
		}
		v.Add(fieldPath(prefix, "value"), code, msg)
		return false
	}
	if ext != "" {
		if !isDigits(ext) || len(ext) > maxExtensionLen {
			v.Add(fieldPath(prefix, "extension"), reach.EINVALIDVALUE, fmt.Sprintf("An extension is 1 to %d digits.", maxExtensionLen))
			return false
		}
		if n.Extension != "" && n.Extension != ext {
			v.Add(fieldPath(prefix, "extension"), reach.EINVALIDVALUE, fmt.Sprintf("The value already carries extension %s, which differs from extension %s; give it once.", n.Extension, ext))
			return false
		}
		n.Extension = ext
	}
	if n.Extension != "" && m.Kind == reach.KindMobile {
		// The message is about the member that carried the extension.
		field := "extension"
		if ext == "" {
			field = "value"
		}
		v.Add(fieldPath(prefix, field), reach.EEXTENSIONNOTALLOWED, "A mobile number has no extension; choose kind phone or fax, or remove the extension.")
		return false
	}
	m.Value, m.Key, m.Extension, m.Display = n.E164, n.E164, n.Extension, n.Display()
	return true
}

func hasExtension(value string) bool {
	n, err := phone.Parse(value)
	return err == nil && n.Extension != ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// kindOf is the kind an entry means: the one it names or, when it names
// none, email for an address, phone for a number with an extension (a
// mobile has none), and mobile for any other number.
func kindOf(in ContactMethodInput) reach.Kind {
	switch {
	case in.Kind != "":
		return in.Kind
	case isAddress(in.Value):
		return reach.KindEmail
	case strings.TrimSpace(in.Extension) != "" || hasExtension(in.Value):
		return reach.KindPhone
	}
	return reach.KindMobile
}

// isAddress tells an email address from a number as typed.
func isAddress(value string) bool { return strings.Contains(value, "@") }

// normalizeKey is the comparison key of a value as a client types it when
// naming a stored value (a sync's from, a cleanup's values): a number in any
// format is its E.164 form, an address its lower-cased form.
func normalizeKey(value string) string {
	s := strings.TrimSpace(value)
	if isAddress(s) {
		if addr, err := email.Parse(s); err == nil {
			return addr.Key
		}
		return strings.ToLower(s)
	}
	if n, err := phone.Parse(s); err == nil {
		return n.E164
	}
	if k := placeholder.NumberKey(s); k != "" { // a filler stored before the rules: +11234567890
		return k
	}
	return s
}

// maxContactMethods bounds one record's contact methods.
const maxContactMethods = 100

// checkSet enforces the rules over a record's whole list of contact methods:
// each value once per record — a number with its extension, so two people on
// one main line are two methods — and at most one primary number and one
// primary email. fieldOf names the entry of the request holding a method
// ("" for one the request did not send); each problem is reported on an
// entry the request sent, and its message names the other entry.
func checkSet(v *reach.Validation, cms []reach.ContactMethod, fieldOf func(i int) (string, bool)) {
	if len(cms) > maxContactMethods {
		field, msg := "contact_methods", fmt.Sprintf("A record has at most %d contact methods; send at most %d.", maxContactMethods, maxContactMethods)
		if f, _ := fieldOf(len(cms) - 1); !strings.HasPrefix(f, "contact_methods[") {
			field, msg = "value", fmt.Sprintf("The record has %d contact methods, the most it may have; remove one before adding another.", maxContactMethods)
		}
		v.Add(field, reach.ETOOLONG, msg)
		return
	}
	primaries := map[string]int{}
	for i, m := range cms {
		if m.Key == "" { // already reported as invalid
			continue
		}
		for j := range i {
			if !cms[j].SameAs(m) {
				continue
			}
			at, other := i, j
			if _, sent := fieldOf(i); !sent {
				at, other = j, i
			}
			field, _ := fieldOf(at)
			v.Add(fieldPath(field, "value"), reach.EDUPLICATECONTACT, fmt.Sprintf("%s is already on this record (%s); each number, with its extension, and each address may appear once per record.",
				cms[at].Display, describeEntry(cms[other], fieldOf, other)))
			break
		}
		if m.Primary {
			g := m.Kind.PrimaryGroup()
			if prev, seen := primaries[g]; seen {
				at, other := i, prev
				if _, sent := fieldOf(i); !sent {
					at, other = prev, i
				}
				field, _ := fieldOf(at)
				v.Add(fieldPath(field, "primary"), reach.EMULTIPLEPRIMARY, fmt.Sprintf("Only one %s may be primary on a record, and %s is primary already.", g, describeEntry(cms[other], fieldOf, other)))
				continue
			}
			primaries[g] = i
		}
	}
}

// refuseID refuses an id on the entry of a new contact method, which gets
// its id when stored; it reports whether it did.
func refuseID(v *reach.Validation, entry string, in ContactMethodInput) bool {
	if in.ID == "" {
		return false
	}
	v.Add(fieldPath(entry, "id"), reach.EUNKNOWNFIELD, "A new contact method has no id yet; leave id out.")
	return true
}

// describeEntry names a method for a message: the entry of the request that
// holds it, or the stored method with its memo.
func describeEntry(m reach.ContactMethod, fieldOf func(i int) (string, bool), i int) string {
	if field, sent := fieldOf(i); sent && field != "" {
		return field + ": " + m.Display
	}
	if m.Memo != "" {
		return fmt.Sprintf("%s, %q", m.Display, m.Memo)
	}
	return m.Display
}

// movePrimary clears the primary flag of every other method in the group of
// cms[keep], so marking one primary moves the flag rather than failing.
func movePrimary(cms []reach.ContactMethod, keep int) {
	g := cms[keep].Kind.PrimaryGroup()
	for i := range cms {
		if i != keep && cms[i].Kind.PrimaryGroup() == g {
			cms[i].Primary = false
		}
	}
}

func indexOf(cms []reach.ContactMethod, id string) int {
	for i, m := range cms {
		if m.ID == id {
			return i
		}
	}
	return -1
}
