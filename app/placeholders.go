package app

import (
	"context"
	"fmt"
	"strings"

	"reach"
	"reach/placeholder"
)

// PlaceholderInput documents one placeholder value of the tenant.
type PlaceholderInput struct {
	// Kind is the kind of value; numbers match whatever their kind.
	Kind reach.Kind `json:"kind"`
	// Value is as staff typed it: (123) 456-7890, noemail@gmail.com, or the
	// business's own number or email.
	Value string `json:"value"`
	Note  string `json:"note,omitempty"`
}

// AddPlaceholder documents a value as a placeholder of the actor's tenant.
func (a *App) AddPlaceholder(ctx context.Context, actor reach.Actor, in PlaceholderInput) (*reach.Placeholder, error) {
	if err := actor.Require(reach.PermPlaceholdersManage); err != nil {
		return nil, err
	}
	var v reach.Validation
	p := &reach.Placeholder{ID: reach.NewID(), TenantID: actor.TenantID, Kind: in.Kind, CreatedBy: actor.UserID}
	p.Value = cleanText(&v, "value", in.Value, maxValueLen, true)
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
	_, err := a.do(ctx, actor, "placeholder.add", func(w *work) error {
		p.CreatedAt = w.now()
		if err := w.tx.InsertPlaceholder(ctx, p); err != nil {
			return err
		}
		w.record("placeholder", p.ID, nil, p)
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
	err := a.view(ctx, actor, func(w *work) (err error) {
		out, err = w.tx.Placeholders(ctx, actor.TenantID)
		return err
	})
	return out, err
}

// RemovePlaceholder takes a value off the tenant's list.
func (a *App) RemovePlaceholder(ctx context.Context, actor reach.Actor, id string) error {
	if err := actor.Require(reach.PermPlaceholdersManage); err != nil {
		return err
	}
	_, err := a.do(ctx, actor, "placeholder.remove", func(w *work) error {
		if err := w.tx.DeletePlaceholder(ctx, actor.TenantID, id); err != nil {
			return err
		}
		w.record("placeholder", id, map[string]string{"id": id}, nil)
		return nil
	})
	return err
}

// maxSuspectThreshold bounds the suspect threshold.
const maxSuspectThreshold = 1000000

// PlaceholderSettings are a tenant's placeholder settings.
type PlaceholderSettings struct {
	// SuspectThreshold: a value on more distinct customers than this is
	// reported as a suspect.
	SuspectThreshold int `json:"suspect_threshold"`
}

// SetPlaceholderSettings changes the tenant's suspect threshold.
func (a *App) SetPlaceholderSettings(ctx context.Context, actor reach.Actor, s PlaceholderSettings) (PlaceholderSettings, error) {
	if err := actor.Require(reach.PermSettingsManage); err != nil {
		return s, err
	}
	if s.SuspectThreshold < 1 || s.SuspectThreshold > maxSuspectThreshold {
		return s, reach.Invalid("suspect_threshold", reach.EINVALIDVALUE, fmt.Sprintf("Use a number of customers from 1 to %d.", maxSuspectThreshold))
	}
	_, err := a.do(ctx, actor, "settings.placeholders", func(w *work) error {
		before, err := w.tx.Tenant(ctx, actor.TenantID)
		if err != nil {
			return err
		}
		if err := w.tx.SetSuspectThreshold(ctx, actor.TenantID, s.SuspectThreshold); err != nil {
			return err
		}
		w.record("tenant", actor.TenantID, PlaceholderSettings{before.SuspectThreshold}, s)
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

// GetPlaceholderSettings returns the tenant's placeholder settings.
func (a *App) GetPlaceholderSettings(ctx context.Context, actor reach.Actor) (PlaceholderSettings, error) {
	if err := actor.Require(reach.PermPlaceholdersManage); err != nil {
		return PlaceholderSettings{}, err
	}
	var out PlaceholderSettings
	err := a.view(ctx, actor, func(w *work) error {
		t, err := w.tx.Tenant(ctx, actor.TenantID)
		if err == nil {
			out.SuspectThreshold = t.SuspectThreshold
		}
		return err
	})
	return out, err
}
