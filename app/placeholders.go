package app

import (
	"context"
	"fmt"
	"strings"

	"reach"
	"reach/placeholder"
)

// defaultSuspectThreshold: a value on more distinct customers than this is a
// suspected placeholder (SPEC §4); real shared lines exist, so it is reported,
// not refused.
const defaultSuspectThreshold = 3

// placeholderRules are the built-in rules plus one tenant's documented list.
// A nil *placeholderRules applies the built-in rules only.
type placeholderRules struct {
	listed map[string]reach.Placeholder // by placeholderKey
}

func loadPlaceholderRules(ctx context.Context, tx reach.Tx, tenantID string) (*placeholderRules, error) {
	list, err := tx.Placeholders(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	r := &placeholderRules{listed: make(map[string]reach.Placeholder, len(list))}
	for _, p := range list {
		r.listed[p.Key] = p
	}
	return r, nil
}

// placeholderKey is how typed values are compared with a tenant's list:
// numbers by their ten digits, emails case-insensitively.
func placeholderKey(kind reach.Kind, value string) string {
	if kind == reach.KindEmail {
		return strings.ToLower(strings.TrimSpace(value))
	}
	if k := placeholder.NumberKey(value); k != "" {
		return k
	}
	return strings.TrimSpace(value)
}

// check returns why value is a placeholder, or nil. The tenant's list comes
// first: it names the business's own reasons.
func (r *placeholderRules) check(kind reach.Kind, value string) *reach.PlaceholderFlag {
	if r != nil && len(r.listed) > 0 {
		if p, ok := r.listed[placeholderKey(kind, value)]; ok {
			reason := "your team listed it as a placeholder"
			if p.Note != "" {
				reason += " (" + p.Note + ")"
			}
			return &reach.PlaceholderFlag{Rule: "tenant-list", Reason: reason}
		}
	}
	var rule placeholder.Rule
	var ok bool
	if kind == reach.KindEmail {
		rule, ok = placeholder.Email(value)
	} else {
		rule, ok = placeholder.Number(value)
	}
	if !ok {
		return nil
	}
	return &reach.PlaceholderFlag{Rule: rule.Name, Reason: rule.Reason}
}

// sameValue reports whether typed is the value m already holds.
func (r *placeholderRules) sameValue(m reach.ContactMethod, kind reach.Kind, typed string) bool {
	return kind.IsNumber() == m.Kind.IsNumber() && placeholderKey(kind, typed) == placeholderKey(m.Kind, m.Value)
}

// flag marks the placeholder values of records going out to a client.
func (r *placeholderRules) flag(cms []reach.ContactMethod) {
	for i := range cms {
		cms[i].Placeholder = r.check(cms[i].Kind, cms[i].Value)
	}
}

// flagPlaceholders marks, in records going out to a client, the values that
// are placeholders by today's rules, though stored before a rule caught them.
func flagPlaceholders(ctx context.Context, tx reach.Tx, tenantID string, lists ...[]reach.ContactMethod) error {
	rules, err := loadPlaceholderRules(ctx, tx, tenantID)
	if err != nil {
		return err
	}
	for _, cms := range lists {
		rules.flag(cms)
	}
	return nil
}

func kindNoun(k reach.Kind) string {
	switch k {
	case reach.KindEmail:
		return "email address"
	case reach.KindFax:
		return "fax number"
	}
	return "phone number"
}

// PlaceholderInput documents one placeholder value of the tenant.
type PlaceholderInput struct {
	Kind  reach.Kind `json:"kind" enum:"mobile,phone,fax,email" doc:"Numbers match whatever their kind."`
	Value string     `json:"value" maxLength:"320" doc:"As staff typed it: (123) 456-7890, noemail@gmail.com, or the business's own number or email."`
	Note  string     `json:"note,omitempty" maxLength:"400"`
}

// AddPlaceholder documents a value as a placeholder of the actor's tenant.
func (a *App) AddPlaceholder(ctx context.Context, actor reach.Actor, in PlaceholderInput) (*reach.Placeholder, error) {
	if err := actor.Require(reach.PermPlaceholdersManage); err != nil {
		return nil, err
	}
	var v reach.Validation
	p := &reach.Placeholder{ID: reach.NewID(), TenantID: actor.TenantID, Kind: in.Kind, CreatedBy: actor.UserID}
	p.Value = cleanText(&v, "value", in.Value, 320, true)
	p.Note = cleanText(&v, "note", in.Note, maxMemoLen, false)
	switch {
	case !in.Kind.Valid():
		v.Add("kind", reach.EINVALIDKIND, fmt.Sprintf("Kind %q is not one of mobile, phone, fax, email.", in.Kind))
	case p.Value == "":
	case in.Kind == reach.KindEmail && !strings.Contains(strings.Trim(p.Value, "@"), "@"):
		v.Add("value", reach.EINVALIDEMAIL, fmt.Sprintf("%q is not an email address; list the address exactly as staff typed it, e.g. noemail@gmail.com.", p.Value))
	case in.Kind.IsNumber() && placeholder.NumberKey(p.Value) == "":
		v.Add("value", reach.EINVALIDPHONE, fmt.Sprintf("%q has no 10-digit number in it; list the number with its area code, e.g. (123) 456-7890.", p.Value))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	p.Key = placeholderKey(p.Kind, p.Value)
	_, err := a.write(ctx, actor, "placeholder.add", true, func(tx reach.Tx, ch *change) error {
		p.CreatedAt = tx.Now()
		if err := tx.InsertPlaceholder(ctx, p); err != nil {
			return err
		}
		ch.record("placeholder", p.ID, nil, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Placeholders lists the tenant's documented placeholders.
func (a *App) Placeholders(ctx context.Context, actor reach.Actor) ([]reach.Placeholder, error) {
	if err := actor.Require(reach.PermCustomerView); err != nil {
		return nil, err
	}
	var out []reach.Placeholder
	err := a.read(ctx, func(tx reach.Tx) (err error) {
		out, err = tx.Placeholders(ctx, actor.TenantID)
		return err
	})
	return out, err
}

// RemovePlaceholder takes a value off the tenant's list.
func (a *App) RemovePlaceholder(ctx context.Context, actor reach.Actor, id string) error {
	if err := actor.Require(reach.PermPlaceholdersManage); err != nil {
		return err
	}
	_, err := a.write(ctx, actor, "placeholder.remove", true, func(tx reach.Tx, ch *change) error {
		if err := tx.DeletePlaceholder(ctx, actor.TenantID, id); err != nil {
			return err
		}
		ch.record("placeholder", id, map[string]string{"id": id}, nil)
		return nil
	})
	return err
}

// PlaceholderSettings are a tenant's placeholder settings.
type PlaceholderSettings struct {
	SuspectThreshold int `json:"suspect_threshold" minimum:"1" maximum:"1000000" doc:"A value on more distinct customers than this is reported as a suspect."`
}

// SetPlaceholderSettings changes the tenant's suspect threshold.
func (a *App) SetPlaceholderSettings(ctx context.Context, actor reach.Actor, s PlaceholderSettings) (PlaceholderSettings, error) {
	if err := actor.Require(reach.PermSettingsManage); err != nil {
		return s, err
	}
	if s.SuspectThreshold < 1 {
		return s, &reach.Error{Code: reach.EVALIDATION, Message: "The suspect threshold is at least 1.",
			Fields: []reach.FieldError{{Field: "suspect_threshold", Code: reach.EINVALIDVALUE, Message: "Use a number of customers of at least 1."}}}
	}
	_, err := a.write(ctx, actor, "settings.placeholders", true, func(tx reach.Tx, ch *change) error {
		before, err := tx.Tenant(ctx, actor.TenantID)
		if err != nil {
			return err
		}
		if err := tx.SetSuspectThreshold(ctx, actor.TenantID, s.SuspectThreshold); err != nil {
			return err
		}
		ch.record("tenant", actor.TenantID, PlaceholderSettings{before.SuspectThreshold}, s)
		return nil
	})
	return s, err
}

// withArticle puts "a" or "an" before a noun.
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
