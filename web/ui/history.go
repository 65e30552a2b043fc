package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"reach"
	"reach/app"
	"reach/web"
)

// historyEntry is one change to a record as its page lists it.
type historyEntry struct {
	ChangeID string
	At       time.Time
	Who      string
	Action   string
	Lines    []historyLine
	// Undo: the change is the record's latest, so reverting it undoes
	// nothing done since, and one the app can revert (an edit, not a
	// creation).
	Undo bool
	// version is the record's version the change left.
	version int64
}

// historyLine is one thing a change did: what was, and what is.
type historyLine struct {
	What, Before, After string
}

// actionLabels name the audited actions for a person.
var actionLabels = map[string]string{
	"customer.create": "Created", "location.create": "Created",
	"customer.update": "Details changed", "location.update": "Details changed",
	"customer.deactivate": "Deactivated", "customer.reactivate": "Reactivated",
	"location.deactivate": "Deactivated", "location.reactivate": "Reactivated",
	"contact_methods.save": "Contact methods saved", "contact_method.add": "Contact method added",
	"contact_method.update": "Contact method changed", "contact_method.remove": "Contact method removed",
	"placeholders.cleanup": "Placeholders cleaned up", "change.revert": "Undone",
}

var sourceLabels = map[reach.Source]string{
	reach.SourceUI: "web", reach.SourceAPI: "API", reach.SourceCLI: "command line", reach.SourceSystem: "system",
}

// snapshot is what a history entry's before and after hold of a record.
type snapshot struct {
	Version        int64                 `json:"version"`
	Name           string                `json:"name"`
	Active         bool                  `json:"active"`
	Address        reach.Address         `json:"address"`
	ContactMethods []reach.ContactMethod `json:"contact_methods"`
}

// historyOf turns a record's history, newest first, into entries with the
// lines that say what each change did.
func historyOf(items []reach.HistoryItem) []historyEntry {
	out := make([]historyEntry, 0, len(items))
	for i, it := range items {
		e := historyEntry{ChangeID: it.ChangeID, At: it.At, Who: it.ActorName, Action: actionLabels[it.Action], Undo: i == 0 && app.Revertible(it)}
		if e.Action == "" {
			e.Action = it.Action
		}
		if e.Who == "" {
			e.Who = sourceLabels[it.Source]
		} else {
			e.Who += " (" + sourceLabels[it.Source] + ")"
		}
		var before, after snapshot
		_ = json.Unmarshal(it.Before, &before)
		_ = json.Unmarshal(it.After, &after)
		e.Lines = diffSnapshots(before, after, it.Before != nil && string(it.Before) != "null")
		e.version = after.Version
		out = append(out, e)
	}
	return out
}

func diffSnapshots(before, after snapshot, existed bool) []historyLine {
	var lines []historyLine
	if !existed {
		return []historyLine{{What: "Record", After: after.Name}}
	}
	if before.Name != after.Name {
		lines = append(lines, historyLine{"Name", before.Name, after.Name})
	}
	if before.Active != after.Active {
		lines = append(lines, historyLine{"Status", activeLabel(before.Active), activeLabel(after.Active)})
	}
	if before.Address != after.Address {
		lines = append(lines, historyLine{"Address", addressLine(before.Address), addressLine(after.Address)})
	}
	old := map[string]reach.ContactMethod{}
	for _, m := range before.ContactMethods {
		old[m.ID] = m
	}
	for _, m := range after.ContactMethods {
		o, had := old[m.ID]
		delete(old, m.ID)
		switch {
		case !had:
			lines = append(lines, historyLine{What: kindLabel(m.Kind), After: methodLine(m)})
		case methodLine(o) != methodLine(m) || o.Kind != m.Kind:
			lines = append(lines, historyLine{kindLabel(m.Kind), methodLine(o), methodLine(m)})
		}
	}
	for _, m := range before.ContactMethods {
		if _, removed := old[m.ID]; removed {
			lines = append(lines, historyLine{What: kindLabel(m.Kind), Before: methodLine(m)})
		}
	}
	return lines
}

func methodLine(m reach.ContactMethod) string {
	s := m.Display
	if m.Memo != "" {
		s += " · " + m.Memo
	}
	if m.Primary {
		s += " · primary"
	}
	return s
}

func activeLabel(active bool) string {
	if active {
		return "active"
	}
	return "inactive"
}

func addressLine(a reach.Address) string {
	s := a.Street
	if a.Unit != "" {
		s += " " + a.Unit
	}
	if a.City != "" || a.State != "" {
		s += fmt.Sprintf(", %s %s %s", a.City, a.State, a.Zip)
	}
	return s
}

// revert undoes a change, from the banner after a save or a record's
// history, and goes back where the form was.
func (u *ui) revert(w http.ResponseWriter, r *http.Request) {
	c, err := u.app.RevertChange(r.Context(), actorOf(r), r.PathValue("id"))
	back := safeNext(r.PostFormValue("back"))
	if err != nil {
		if web.StatusOf(err) >= 500 {
			u.fail(w, r, err)
			return
		}
		u.redirect(w, r, back, "Not undone: "+messageOf(err), "")
		return
	}
	u.redirect(w, r, back, fmt.Sprintf("Undone: %d record(s) put back as they were.", len(c.Entries)), c.ID)
}
