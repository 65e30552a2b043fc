package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"reach"
	"reach/app"
	"reach/web"
)

// The Edit Contact Methods screen: one row per method, saved as a whole
// set. A save that replaces or removes a value held elsewhere goes through
// the sync prompt first; one that meets someone else's save shows what they
// changed and puts the agent's edit on top of it.

// editRow is one method as the form shows and sends it.
type editRow struct {
	Index                  int
	ID                     string
	Kind                   reach.Kind
	Value, Extension, Memo string
	Primary, Remove        bool
	// Was is the method as the screen first showed it (nil for a row the
	// agent added): what a save that meets someone else's merges against.
	Was *shown
	// Errors holds the message for each of the row's fields that has one.
	Errors map[string]string
	// Notes, after a conflict, say what someone else saved that this row
	// would replace.
	Notes []string
}

// shown is a method's fields as a screen showed them.
type shown struct {
	Kind                   reach.Kind
	Value, Extension, Memo string
	Primary                bool
}

// WasField is Was as the form carries it, in a hidden field.
func (r editRow) WasField() string {
	if r.Was == nil {
		return ""
	}
	b, _ := json.Marshal(r.Was)
	return string(b)
}

// parseWas reads a hidden field WasField wrote; anything else is no base.
func parseWas(s string) *shown {
	var w shown
	if s == "" || json.Unmarshal([]byte(s), &w) != nil {
		return nil
	}
	return &w
}

// IsEmail tells the form which controls a row has.
func (r editRow) IsEmail() bool { return r.Kind == reach.KindEmail }

// blank reports whether a row added on the screen was left empty: it is
// not sent, rather than refused as a missing value.
func (r editRow) blank() bool {
	return r.ID == "" && strings.TrimSpace(r.Value) == "" && strings.TrimSpace(r.Memo) == "" && strings.TrimSpace(r.Extension) == ""
}

// editPage is the Edit Contact Methods screen.
type editPage struct {
	frame
	Ref     reach.RecordRef
	Record  *reach.RecordHeader
	Version int64
	Rows    []editRow
	Error   string
	// TheirChanges, on a conflict, are what others saved since the agent
	// opened the screen; the rows are the agent's edit put on top of them.
	TheirChanges []historyEntry
	// Gone, on a conflict, lists the methods someone else removed.
	Gone []string
}

// numberKinds are the kinds a number's row switches between.
var numberKinds = []reach.Kind{reach.KindMobile, reach.KindPhone, reach.KindFax}

// NumberKinds lists them for the template.
func (editPage) NumberKinds() []reach.Kind { return numberKinds }

// refOf reads the record a route names.
func refOf(t reach.RecordType) func(*http.Request) reach.RecordRef {
	return func(r *http.Request) reach.RecordRef { return reach.RecordRef{Type: t, ID: r.PathValue("id")} }
}

// loadRecord reads a customer or a location.
func (u *ui) loadRecord(r *http.Request, ref reach.RecordRef) (reach.Record, error) {
	if ref.Type == reach.RecordLocation {
		return u.app.Location(r.Context(), actorOf(r), ref.ID)
	}
	return u.app.Customer(r.Context(), actorOf(r), ref.ID)
}

// editForm shows a record's methods ready to edit.
func (u *ui) editForm(ref func(*http.Request) reach.RecordRef) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec, err := u.loadRecord(r, ref(r))
		if err == nil {
			err = actorOf(r).Require(rec.Ref().Type.EditPermission())
		}
		if err != nil {
			u.fail(w, r, err)
			return
		}
		h := rec.Header()
		p := &editPage{frame: u.frameFor(r, "Edit contact methods – "+h.Name, ""), Ref: rec.Ref(), Record: h, Version: h.Version, Rows: rowsOf(h.ContactMethods)}
		if len(p.Rows) == 0 {
			p.Rows = []editRow{{Kind: reach.KindMobile}}
		}
		u.render(w, r, http.StatusOK, "edit", p)
	}
}

func rowsOf(cms []reach.ContactMethod) []editRow {
	rows := make([]editRow, len(cms))
	for i, m := range cms {
		value := m.Display
		if m.Kind.IsNumber() {
			value = national(m.Value)
		}
		rows[i] = editRow{Index: i, ID: m.ID, Kind: m.Kind, Value: value, Extension: m.Extension, Memo: m.Memo, Primary: m.Primary,
			Was: &shown{Kind: m.Kind, Value: value, Extension: m.Extension, Memo: m.Memo, Primary: m.Primary}}
	}
	return rows
}

// editSubmit handles every button of the screen: adding a row, saving, and
// the sync prompt's and confirmation's choices.
func (u *ui) editSubmit(ref func(*http.Request) reach.RecordRef) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec, err := u.loadRecord(r, ref(r))
		if err != nil {
			u.fail(w, r, err)
			return
		}
		h := rec.Header()
		version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
		p := &editPage{frame: u.frameFor(r, "Edit contact methods – "+h.Name, ""), Ref: rec.Ref(), Record: h, Version: version, Rows: rowsFromForm(r)}
		action := r.PostFormValue("action")
		if kind, ok := strings.CutPrefix(action, "add-"); ok {
			p.Rows = append(p.Rows, editRow{Index: len(p.Rows), Kind: reach.Kind(kind)})
		}
		if action != "save" && action != "sync" && action != "back" { // adding a row, or back from the prompt
			u.render(w, r, http.StatusOK, "edit", p)
			return
		}
		u.save(w, r, p, action)
	}
}

// rowsFromForm reads the rows the form sent, m0.value, m1.value and so on.
func rowsFromForm(r *http.Request) []editRow {
	n, _ := strconv.Atoi(r.PostFormValue("rows"))
	n = min(max(n, 0), 200)
	rows := make([]editRow, 0, n)
	for i := range n {
		f := func(name string) string { return r.PostFormValue(fmt.Sprintf("m%d.%s", i, name)) }
		rows = append(rows, editRow{Index: i, ID: f("id"), Kind: reach.Kind(f("kind")), Value: f("value"), Extension: f("extension"),
			Memo: f("memo"), Primary: f("primary") != "", Remove: f("remove") != "", Was: parseWas(f("was"))})
	}
	return rows
}

// inputs turns the rows into the whole set to save, and remembers which row
// each entry of the set came from, to put the app's messages back on them.
func inputs(rows []editRow) ([]app.ContactMethodInput, []int) {
	var in []app.ContactMethodInput
	var rowOf []int
	for i, row := range rows {
		if row.Remove || row.blank() {
			continue
		}
		in = append(in, app.ContactMethodInput{ID: row.ID, Kind: row.Kind, Value: row.Value, Extension: row.Extension, Memo: row.Memo, Primary: row.Primary})
		rowOf = append(rowOf, i)
	}
	return in, rowOf
}

// save previews the set; a change to a value held elsewhere goes to the
// sync prompt, anything else is saved at once.
func (u *ui) save(w http.ResponseWriter, r *http.Request, p *editPage, action string) {
	in, rowOf := inputs(p.Rows)
	if in == nil {
		in = []app.ContactMethodInput{} // every method removed: an explicit empty set
	}
	ctx, actor := r.Context(), actorOf(r)
	preview, err := u.app.SaveContactMethods(ctx, actor, p.Ref, in, p.Version, app.SyncOptions{}, true)
	if err != nil {
		u.editProblem(w, r, p, rowOf, err)
		return
	}
	sp := u.syncPromptOf(r, p, preview)
	opts, confirmed := sp.chosen(), r.PostFormValue("confirm") == "1"
	switch {
	case action == "save" && len(sp.Changes) > 0, action == "back" && len(sp.Changes) > 0:
		u.render(w, r, http.StatusOK, "sync", sp)
		return
	case action == "back": // "Go back" never saves: with nothing left to sync, back to the edit
		u.render(w, r, http.StatusOK, "edit", p)
		return
	case action == "sync" && sp.crossChosen(opts) && !confirmed:
		sp.Confirming = true
		u.render(w, r, http.StatusOK, "sync", sp)
		return
	}
	opts.ConfirmCrossCustomer = confirmed
	saved, err := u.app.SaveContactMethods(ctx, actor, p.Ref, in, p.Version, opts, false)
	switch {
	case err == nil:
	case reach.ErrorCode(err) == reach.EVERSIONCONFLICT && len(opts.Sync) > 0:
		// A record chosen for sync changed since the prompt: ask again.
		sp.Error = messageOf(err)
		u.render(w, r, http.StatusConflict, "sync", sp)
		return
	default:
		u.editProblem(w, r, p, rowOf, err)
		return
	}
	msg := "Contact methods saved."
	if n := syncedCount(saved); n > 0 {
		msg = fmt.Sprintf("Contact methods saved, and %d other record(s) updated.", n)
	}
	if saved.ChangeID == "" {
		msg, saved.ChangeID = "Nothing to save: the contact methods are as they were.", ""
	}
	u.redirect(w, r, recordURL(p.Ref.Type, p.Ref.ID), msg, saved.ChangeID)
}

func syncedCount(e app.Edit) int {
	n := 0
	for _, c := range e.Changes {
		n += len(c.Synced)
	}
	return n
}

// editProblem shows a refused save on the screen: each message next to its
// field, or — when someone else saved first — their changes with the
// agent's edit on top.
func (u *ui) editProblem(w http.ResponseWriter, r *http.Request, p *editPage, rowOf []int, err error) {
	var e *reach.Error
	switch code := reach.ErrorCode(err); {
	case code == reach.EVERSIONCONFLICT:
		u.conflict(w, r, p)
		return
	case web.StatusOf(err) >= 500, code == reach.ENOTFOUND, code == reach.EFORBIDDEN:
		u.fail(w, r, err)
		return
	case errors.As(err, &e) && len(e.Fields) > 0:
		placeFieldErrors(p.Rows, rowOf, e.Fields)
		p.Error = "Some contact methods can't be saved as they are; see the messages below."
	default:
		p.Error = messageOf(err)
	}
	u.render(w, r, http.StatusUnprocessableEntity, "edit", p)
}

// placeFieldErrors puts each of the app's field messages — contact_methods[2].value
// — on the row it is about.
func placeFieldErrors(rows []editRow, rowOf []int, fields []reach.FieldError) {
	for _, f := range fields {
		rest, ok := strings.CutPrefix(f.Field, "contact_methods[")
		end := strings.Index(rest, "]")
		if !ok || end < 0 {
			continue
		}
		k, err := strconv.Atoi(rest[:end])
		if err != nil || k < 0 || k >= len(rowOf) {
			continue
		}
		field := strings.TrimPrefix(rest[end+1:], ".")
		if field == "" || field == "id" {
			field = "value"
		}
		row := &rows[rowOf[k]]
		if row.Errors == nil {
			row.Errors = map[string]string{}
		}
		if _, taken := row.Errors[field]; !taken {
			row.Errors[field] = f.Message
		}
	}
}

// conflict shows what others saved since the agent opened the screen, and
// the agent's edit put on top of the record as it is now, to review and
// save again — never a silent overwrite, never lost typing.
func (u *ui) conflict(w http.ResponseWriter, r *http.Request, p *editPage) {
	rec, err := u.loadRecord(r, p.Ref)
	if err != nil {
		u.fail(w, r, err)
		return
	}
	h := rec.Header()
	if p.Actor.Can(reach.PermAuditView) {
		items, _, err := u.app.History(r.Context(), p.Actor, p.Ref, "", recentChanges)
		if err != nil {
			u.fail(w, r, err)
			return
		}
		for _, e := range historyOf(items) {
			if e.version > p.Version {
				e.Undo = false
				p.TheirChanges = append(p.TheirChanges, e)
			}
		}
	}
	p.Rows, p.Gone = onTopOf(h.ContactMethods, p.Rows)
	p.Record, p.Version = h, h.Version
	p.Error = "Someone else saved this record's contact methods after you opened this screen. Your changes are shown on top of theirs below: review them and save again."
	u.render(w, r, http.StatusConflict, "edit", p)
}

// onTopOf applies the agent's rows to the record's methods as they are now,
// field by field, against the values the screen first showed: a field only
// the agent changed takes the agent's value; one only the other save
// changed takes theirs, with a note; one both changed differently keeps the
// agent's, with a note of theirs, so nothing is overwritten unseen. A
// method the agent marked for removal that someone else changed is kept,
// asking again. What the agent added is added; a method someone else added
// stays; one someone else removed stays removed (listed in gone) unless the
// agent had changed it — then it comes back as a new row, saying so.
func onTopOf(current []reach.ContactMethod, rows []editRow) (out []editRow, gone []string) {
	seen := map[string]editRow{}
	for _, row := range rows {
		if row.ID != "" {
			seen[row.ID] = row
		}
	}
	out = []editRow{}
	for _, m := range current {
		now := rowsOf([]reach.ContactMethod{m})[0]
		row, mine := seen[m.ID]
		delete(seen, m.ID)
		if !mine {
			out = append(out, now)
			continue
		}
		if was := row.Was; was != nil {
			theirsChanged := false
			merge := func(field string, mine, before, theirs string) string {
				same := func(a, b string) bool { return strings.TrimSpace(a) == strings.TrimSpace(b) }
				if same(theirs, before) {
					return mine
				}
				theirsChanged = true
				switch {
				case same(mine, before):
					row.Notes = append(row.Notes, fmt.Sprintf("%s: someone else changed it to “%s”.", field, shownValue(theirs)))
					return theirs
				case !same(theirs, mine):
					row.Notes = append(row.Notes, fmt.Sprintf("%s: someone else saved “%s” while you edited; saving keeps yours.", field, shownValue(theirs)))
				}
				return mine
			}
			row.Kind = reach.Kind(merge("Type", string(row.Kind), string(was.Kind), string(now.Kind)))
			row.Value = merge("Value", row.Value, was.Value, now.Value)
			row.Extension = merge("Extension", row.Extension, was.Extension, now.Extension)
			row.Memo = merge("Memo", row.Memo, was.Memo, now.Memo)
			if row.Primary == was.Primary {
				row.Primary = now.Primary
			}
			if row.Remove && theirsChanged {
				row.Remove = false
				row.Notes = append(row.Notes, "You marked this method for removal, but someone else changed it meanwhile: tick Remove again if it should still go.")
			}
		}
		row.Was = now.Was // the next save is made on top of the record as it is now
		out = append(out, row)
	}
	for _, row := range rows {
		_, removed := seen[row.ID]
		switch {
		case row.ID == "" && !row.blank():
			out = append(out, row)
		case row.ID == "" || !removed || row.Remove:
		case row.changed(): // removed by someone else, edited by the agent
			row.ID, row.Was = "", nil
			row.Notes = append(row.Notes, "Someone else removed this method after you opened the screen; saving adds it back as you have it, or tick Remove.")
			out = append(out, row)
		default:
			gone = append(gone, row.Value)
		}
	}
	for i := range out {
		out[i].Index = i
	}
	return out, gone
}

func shownValue(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(empty)"
	}
	return s
}

// changed reports whether the agent changed a row from what the screen
// showed (a row without that knowledge counts as changed).
func (r editRow) changed() bool {
	w := r.Was
	return w == nil || r.Kind != w.Kind || strings.TrimSpace(r.Value) != strings.TrimSpace(w.Value) ||
		strings.TrimSpace(r.Extension) != strings.TrimSpace(w.Extension) || strings.TrimSpace(r.Memo) != strings.TrimSpace(w.Memo) || r.Primary != w.Primary
}
