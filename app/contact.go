package app

import (
	"context"
	"fmt"
	"strings"

	"reach"
	"reach/email"
	"reach/phone"
)

// ContactMethodInput is a contact method as a client sends it, alone or as one
// entry of a whole set.
type ContactMethodInput struct {
	ID        string     `json:"id,omitempty" doc:"Id of an existing contact method of this record (keeps its history); omit to add a new one."`
	Kind      reach.Kind `json:"kind,omitempty" enum:"mobile,phone,fax,email" doc:"Defaults to email for addresses, otherwise mobile (phone when an extension is given)."`
	Value     string     `json:"value" maxLength:"320" doc:"The number or address as typed; it is normalized (E.164 for numbers)."`
	Extension string     `json:"extension,omitempty" maxLength:"20" doc:"Phone extension, digits only; also parsed from the value (x12, ext. 12, #12, ;ext=12)."`
	Memo      string     `json:"memo,omitempty" maxLength:"400" doc:"Free label such as Office or Wife's cell."`
	Primary   bool       `json:"primary,omitempty" doc:"At most one number and one email per record are primary; marking one moves the flag."`
}

// ContactMethodPatch changes some fields of one contact method.
type ContactMethodPatch struct {
	Kind      *reach.Kind `json:"kind,omitempty" enum:"mobile,phone,fax,email" doc:"Switching between mobile, phone and fax keeps the value, memo and history."`
	Value     *string     `json:"value,omitempty" maxLength:"320"`
	Extension *string     `json:"extension,omitempty" maxLength:"20"`
	Memo      *string     `json:"memo,omitempty" maxLength:"400"`
	Primary   *bool       `json:"primary,omitempty"`
	Version   *int64      `json:"version,omitempty" doc:"Version of the record holding the method; alternative to If-Match."`
}

// Validation is the answer to an as-you-type check.
type Validation struct {
	Valid     bool       `json:"valid"`
	Kind      reach.Kind `json:"kind"`
	Value     string     `json:"value,omitempty" doc:"Normalized value"`
	Display   string     `json:"display,omitempty"`
	Extension string     `json:"extension,omitempty"`
	Code      string     `json:"code,omitempty"`
	Message   string     `json:"message,omitempty"`
}

// Validate checks one value as it would be checked on save — placeholder
// rules included — without writing.
func (a *App) Validate(ctx context.Context, actor reach.Actor, kind reach.Kind, value string) (Validation, error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return Validation{}, err
	}
	var rules *placeholderRules
	err := a.read(ctx, func(tx reach.Tx) (err error) {
		rules, err = loadPlaceholderRules(ctx, tx, actor.TenantID)
		return err
	})
	if err != nil {
		return Validation{}, err
	}
	return validate(rules, kind, value), nil
}

func validate(rules *placeholderRules, kind reach.Kind, value string) Validation {
	var v reach.Validation
	m := normalizeContact(&v, rules, "value", ContactMethodInput{Kind: kind, Value: value}, nil)
	if err := v.Err(); err != nil {
		f := v.Fields[0]
		return Validation{Kind: kind, Code: f.Code, Message: f.Message}
	}
	return Validation{Valid: true, Kind: m.Kind, Value: m.Value, Display: m.Display, Extension: m.Extension}
}

// normalizeContact turns input into a contact method's kind, value, key,
// display, extension, memo and primary flag, reporting problems under field.
// A placeholder is refused before validity is checked, so a fake is named as
// a fake; a value the method already held (old) is not re-judged, so staff can
// still change the memo of a value stored before a rule existed.
func normalizeContact(v *reach.Validation, rules *placeholderRules, field string, in ContactMethodInput, old *reach.ContactMethod) reach.ContactMethod {
	m := reach.ContactMethod{Kind: in.Kind, Primary: in.Primary}
	m.Memo = cleanText(v, field+".memo", in.Memo, maxMemoLen, false)
	ext := strings.TrimSpace(in.Extension)
	if m.Kind == "" {
		switch {
		case strings.Contains(in.Value, "@"):
			m.Kind = reach.KindEmail
		case ext != "" || hasExtension(in.Value):
			m.Kind = reach.KindPhone
		default:
			m.Kind = reach.KindMobile
		}
	}
	if !m.Kind.Valid() {
		v.Add(field+".kind", reach.EINVALIDKIND, fmt.Sprintf("Kind %q is not one of mobile, phone, fax, email.", m.Kind))
		return m
	}
	if flag := rules.check(m.Kind, in.Value); flag != nil && !(old != nil && rules.sameValue(*old, m.Kind, in.Value)) {
		v.Add(field+".value", reach.EPLACEHOLDER, fmt.Sprintf("%s is a placeholder, not a real %s: %s (rule %s). Leave the field empty instead of entering a placeholder.",
			strings.TrimSpace(in.Value), kindNoun(m.Kind), flag.Reason, flag.Rule))
		return m
	}
	if m.Kind == reach.KindEmail {
		if ext != "" {
			v.Add(field+".extension", reach.EEXTENSIONNOTALLOWED, "An email address has no extension; remove it.")
		}
		addr, err := email.Parse(in.Value)
		if err != nil {
			e := err.(*email.Error)
			v.Add(field+".value", e.Code, e.Message)
			return m
		}
		m.Value, m.Key, m.Display = addr.Value, addr.Key, addr.Display
		return m
	}
	n, err := phone.Parse(in.Value)
	if err != nil {
		e := err.(*phone.Error)
		v.Add(field+".value", e.Code, e.Message)
		return m
	}
	if ext != "" {
		if !isDigits(ext) || len(ext) > 10 {
			v.Add(field+".extension", reach.EINVALIDVALUE, "An extension is 1 to 10 digits.")
			return m
		}
		if n.Extension != "" && n.Extension != ext {
			v.Add(field+".extension", reach.EINVALIDVALUE, fmt.Sprintf("The value already carries extension %s, which differs from extension %s; give it once.", n.Extension, ext))
			return m
		}
		n.Extension = ext
	}
	if n.Extension != "" && m.Kind == reach.KindMobile {
		v.Add(field+".extension", reach.EEXTENSIONNOTALLOWED, "A mobile number has no extension; choose kind phone or fax, or remove the extension.")
		return m
	}
	m.Value, m.Key, m.Extension, m.Display = n.E164, n.E164, n.Extension, n.Display()
	return m
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

// checkSet enforces the rules over a record's whole list of contact methods:
// each value once per record, and at most one primary number and one primary email.
func checkSet(v *reach.Validation, field string, cms []reach.ContactMethod) {
	seen := map[string]int{}
	primaries := map[string]int{}
	for i, m := range cms {
		if m.Key == "" { // already reported as invalid
			continue
		}
		if j, ok := seen[m.Key]; ok {
			v.Add(fmt.Sprintf("%s[%d].value", field, i), reach.EDUPLICATECONTACT,
				fmt.Sprintf("%s is already on this record (entry %d); each value may appear once per record.", m.Display, j))
			continue
		}
		seen[m.Key] = i
		if m.Primary {
			g := m.Kind.PrimaryGroup()
			if primaries[g]++; primaries[g] > 1 {
				v.Add(fmt.Sprintf("%s[%d].primary", field, i), reach.EMULTIPLEPRIMARY,
					fmt.Sprintf("Only one %s may be primary on a record.", g))
			}
		}
	}
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

// contactEdit is what an edit of a record's contact methods works with.
type contactEdit struct {
	v *reach.Validation
	// fresh makes a new method carrying the actor's provenance.
	fresh func() reach.ContactMethod
	rules *placeholderRules
}

// normalize checks and normalizes one entry; old is the method it changes.
func (e *contactEdit) normalize(field string, in ContactMethodInput, old *reach.ContactMethod) reach.ContactMethod {
	return normalizeContact(e.v, e.rules, field, in, old)
}

// editContacts changes a record's list of contact methods through
// editRecord: edit computes the new list from the current one.
func (a *App) editContacts(ctx context.Context, actor reach.Actor, ref reach.RecordRef, spec editSpec,
	edit func(e *contactEdit, current []reach.ContactMethod) []reach.ContactMethod,
) (Edit, error) {
	spec.apply = func(tx reach.Tx, v *reach.Validation, r Record) error {
		rules, err := loadPlaceholderRules(ctx, tx, actor.TenantID)
		if err != nil {
			return err
		}
		e := &contactEdit{v: v, rules: rules, fresh: func() reach.ContactMethod {
			return reach.ContactMethod{
				ID: reach.NewID(), CustomerID: r.customerID(), Owner: ref,
				CreatedAt: tx.Now(), UpdatedAt: tx.Now(), CreatedBy: actor.UserID, Source: actor.Source,
			}
		}}
		r.setContacts(edit(e, r.Contacts()))
		return nil
	}
	return a.editRecord(ctx, actor, ref, spec)
}

// SaveContactMethods replaces a record's whole set of contact methods at once,
// as the Edit Contact Methods screen saves: entries with an id update that
// method, entries without one are added, and methods not listed are removed.
// All rows change or none do, together with any syncs. want is required: a
// whole-set save must say which version it was based on. With preview, it
// returns what the save would do and writes nothing.
func (a *App) SaveContactMethods(ctx context.Context, actor reach.Actor, ref reach.RecordRef, in []ContactMethodInput, want *int64, sync SyncOptions, preview bool) (Edit, error) {
	if want == nil && !preview {
		return Edit{}, reach.Errorf(reach.EPRECONDITIONREQUIRED,
			"Saving the whole set of contact methods needs the record version it is based on: send If-Match: \"<version>\" or version in the body.")
	}
	spec := editSpec{action: "contact_methods.save", want: want, sync: sync, preview: preview}
	return a.editContacts(ctx, actor, ref, spec, func(e *contactEdit, current []reach.ContactMethod) []reach.ContactMethod {
		byID := map[string]reach.ContactMethod{}
		for _, m := range current {
			byID[m.ID] = m
		}
		used := map[string]bool{}
		next := make([]reach.ContactMethod, 0, len(in))
		for i, item := range in {
			field := fmt.Sprintf("contact_methods[%d]", i)
			m := e.fresh()
			var prev *reach.ContactMethod
			if item.ID != "" {
				old, ok := byID[item.ID]
				if !ok || used[item.ID] {
					e.v.Add(field+".id", reach.EUNKNOWNCONTACTMETHOD, fmt.Sprintf("Contact method %q is not on this record (or is listed twice); omit id to add a new one.", item.ID))
					continue
				}
				used[item.ID] = true
				m, prev = old, &old
				if item.Kind == "" {
					item.Kind = old.Kind
				}
			}
			n := e.normalize(field, item, prev)
			m.Kind, m.Value, m.Key, m.Display, m.Extension, m.Memo, m.Primary = n.Kind, n.Value, n.Key, n.Display, n.Extension, n.Memo, n.Primary
			next = append(next, m)
		}
		return next
	})
}

// AddContactMethod adds one contact method to a record.
func (a *App) AddContactMethod(ctx context.Context, actor reach.Actor, ref reach.RecordRef, in ContactMethodInput, want *int64) (Edit, string, error) {
	var id string
	ed, err := a.editContacts(ctx, actor, ref, editSpec{action: "contact_method.add", want: want}, func(e *contactEdit, current []reach.ContactMethod) []reach.ContactMethod {
		in.ID = ""
		n := e.normalize("contact_method", in, nil)
		m := e.fresh()
		id = m.ID
		m.Kind, m.Value, m.Key, m.Display, m.Extension, m.Memo, m.Primary = n.Kind, n.Value, n.Key, n.Display, n.Extension, n.Memo, n.Primary
		for _, c := range current {
			if c.Key == m.Key && m.Key != "" {
				e.v.Add("contact_method.value", reach.EDUPLICATECONTACT, fmt.Sprintf("%s is already on this record; each value may appear once per record.", m.Display))
			}
		}
		next := append(current, m)
		if m.Primary {
			movePrimary(next, len(next)-1)
		}
		return next
	})
	return ed, id, err
}

// ContactMethodOwner finds which record holds a contact method, checking the
// actor may see that record.
func (a *App) ContactMethodOwner(ctx context.Context, actor reach.Actor, id string) (reach.RecordRef, error) {
	var ref reach.RecordRef
	err := a.read(ctx, func(tx reach.Tx) error {
		m, err := tx.ContactMethod(ctx, actor.TenantID, id)
		if err != nil {
			return err
		}
		ref = m.Owner
		return actor.Require(viewPermission(ref.Type))
	})
	return ref, err
}

// ContactMethodRecord returns the record holding a contact method.
func (a *App) ContactMethodRecord(ctx context.Context, actor reach.Actor, id string) (Record, error) {
	ref, err := a.ContactMethodOwner(ctx, actor, id)
	if err != nil {
		return Record{}, err
	}
	var r Record
	err = a.read(ctx, func(tx reach.Tx) (err error) {
		if r, err = loadRecord(ctx, tx, actor.TenantID, ref); err != nil {
			return err
		}
		return flagPlaceholders(ctx, tx, actor.TenantID, r.Contacts())
	})
	return r, err
}

// ContactMethodChange is a change to one contact method: a patch, or its
// removal, with syncs to other records.
type ContactMethodChange struct {
	Patch  ContactMethodPatch
	Remove bool
	SyncOptions
}

// ChangeContactMethod patches or removes one contact method, applying any
// syncs in the same change; with preview it only reports what would happen.
// Switching among mobile, phone and fax keeps the value, memo and history.
func (a *App) ChangeContactMethod(ctx context.Context, actor reach.Actor, id string, c ContactMethodChange, want *int64, preview bool) (Edit, error) {
	ref, err := a.ContactMethodOwner(ctx, actor, id)
	if err != nil {
		return Edit{}, err
	}
	if want == nil {
		want = c.Patch.Version
	}
	spec := editSpec{action: "contact_method.update", want: want, sync: c.SyncOptions, preview: preview}
	if c.Remove {
		spec.action = "contact_method.remove"
	}
	return a.editContacts(ctx, actor, ref, spec, func(e *contactEdit, current []reach.ContactMethod) []reach.ContactMethod {
		i := indexOf(current, id)
		if i < 0 { // removed by a concurrent writer since we looked it up
			e.v.Add("id", reach.EUNKNOWNCONTACTMETHOD, "This contact method was removed from its record.")
			return current
		}
		if c.Remove {
			return append(current[:i:i], current[i+1:]...)
		}
		current[i] = patchContact(e, current[i], c.Patch)
		if current[i].Primary {
			movePrimary(current, i)
		}
		return current
	})
}

// patchContact applies a patch to one method, revalidating its value.
func patchContact(e *contactEdit, old reach.ContactMethod, p ContactMethodPatch) reach.ContactMethod {
	in := ContactMethodInput{Kind: old.Kind, Value: old.Value, Extension: old.Extension, Memo: old.Memo, Primary: old.Primary}
	if p.Kind != nil {
		in.Kind = *p.Kind
		if (in.Kind == reach.KindEmail) != (old.Kind == reach.KindEmail) && p.Value == nil {
			e.v.Add("kind", reach.EKINDCHANGE, fmt.Sprintf("%s cannot become %s with the same value; send the new value too.", capitalize(withArticle(kindNoun(old.Kind))), withArticle(kindNoun(in.Kind))))
			return old
		}
		if in.Kind == reach.KindMobile && p.Extension == nil {
			in.Extension = "" // a mobile has no extension; switching drops it
		}
	}
	if p.Value != nil {
		in.Value, in.Extension = *p.Value, ""
	}
	if p.Extension != nil {
		in.Extension = *p.Extension
	}
	if p.Memo != nil {
		in.Memo = *p.Memo
	}
	if p.Primary != nil {
		in.Primary = *p.Primary
	}
	n := e.normalize("contact_method", in, &old)
	m := old
	m.Kind, m.Value, m.Key, m.Display, m.Extension, m.Memo, m.Primary = n.Kind, n.Value, n.Key, n.Display, n.Extension, n.Memo, n.Primary
	return m
}

func indexOf(cms []reach.ContactMethod, id string) int {
	for i, m := range cms {
		if m.ID == id {
			return i
		}
	}
	return -1
}
