package ui_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"reach"
	"reach/app"
)

// TestEditSaveAndUndo: an agent opens Edit Contact Methods, changes a
// number, saves, sees it on the record with an Undo, and undoes it.
func TestEditSaveAndUndo(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309", "rosa@diazfamily.net")
	b := e.signedIn("csr")
	form := b.get("/customers/" + c.ID + "/contact-methods")
	if form.Status != 200 || attr(form.find("#m0-value"), "value") != "(512) 867-5309" {
		t.Fatalf("the edit form: %d\n%s", form.Status, form.text("main"))
	}
	saved := b.submit(form, "form[data-edit-methods]", url.Values{"m0.value": {"512.444.0101"}}, "action=save")
	if saved.URL.Path != "/customers/"+c.ID || !strings.Contains(saved.text(".flash"), "Contact methods saved") {
		t.Fatalf("after saving: %s\n%s", saved.URL, saved.text("main"))
	}
	if !strings.Contains(saved.text(".methods"), "(512) 444-0101") {
		t.Errorf("the record shows %q", saved.text(".methods"))
	}
	undone := b.submit(saved, ".flash form", nil, "")
	if !strings.Contains(undone.text(".flash"), "Undone") || !strings.Contains(undone.text(".methods"), "(512) 867-5309") {
		t.Errorf("after undo: %s\n%s", undone.URL, undone.text("main"))
	}
}

// TestHistoryOffersUndoOnlyWhereItWorks: a creation can't be reverted (it
// is undone by deactivating), so its history row has no Undo; the latest
// edit's row has one, and it works.
func TestHistoryOffersUndoOnlyWhereItWorks(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("manager") // who sees the history
	page := b.get("/customers/" + c.ID)
	if n := len(page.all(".history form")); n != 0 || !strings.Contains(page.text(".history"), "Created") {
		t.Fatalf("a new record's history offers %d undo(s):\n%s", n, page.text(".history"))
	}
	form := b.get("/customers/" + c.ID + "/contact-methods")
	b.submit(form, "form[data-edit-methods]", url.Values{"m0.memo": {"Cell"}}, "action=save")
	page = b.get("/customers/" + c.ID)
	if n := len(page.all(".history form")); n != 1 {
		t.Fatalf("after an edit the history offers %d undo(s); want the edit's", n)
	}
	undone := b.submit(page, ".history form", nil, "")
	if !strings.Contains(undone.text(".flash"), "Undone") || strings.Contains(undone.text(".methods"), "Cell") {
		t.Errorf("the history's Undo: %s", undone.text("main"))
	}
}

// TestOlderHistoryIsAClickAway: a record's page lists its latest changes
// and links to the older ones, which offer no Undo.
func TestOlderHistoryIsAClickAway(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	for i := range 12 {
		memo := fmt.Sprintf("Memo %d", i)
		if _, err := e.app.ChangeContactMethod(context.Background(), e.admin, c.ContactMethods[0].ID, app.ContactMethodChange{Patch: app.ContactMethodPatch{Memo: &memo}}, int64(i+1), false); err != nil {
			t.Fatal(err)
		}
	}
	b := e.signedIn("manager")
	page := b.get("/customers/" + c.ID)
	var older *html.Node
	for _, a := range page.all(".history a") {
		if strings.HasPrefix(attr(a, "href"), "?history=") {
			older = a
		}
	}
	if older == nil {
		t.Fatalf("no link to older changes:\n%s", page.text(".history"))
	}
	p := b.get("/customers/" + c.ID + attr(older, "href"))
	if p.Status != 200 || !strings.Contains(p.text(".history"), "Created") || len(p.all(".history form")) != 0 {
		t.Errorf("the older changes: %d\n%s", p.Status, p.text(".history"))
	}
}

// TestBadValuesAreRefusedInPlace: an international number and a
// placeholder are refused next to the field, with the app's message, and
// nothing is saved; what was typed stays.
func TestBadValuesAreRefusedInPlace(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("csr")
	before, _ := e.db.Snapshot(context.Background())
	for value, want := range map[string]string{
		"+44 20 7946 0958": "international number",
		"(512) 555-0123":   "placeholder",
		"(123) 456-7890":   "not a valid",
	} {
		form := b.get("/customers/" + c.ID + "/contact-methods")
		p := b.submit(form, "form[data-edit-methods]", url.Values{"m0.value": {value}}, "action=save")
		if p.Status != 422 || attr(p.find("#m0-value"), "aria-invalid") != "true" || !strings.Contains(p.text("#m0-value-msg"), want) {
			t.Errorf("%s: %d %q", value, p.Status, p.text("#m0-value-msg"))
		}
		if attr(p.find("#m0-value"), "value") != value {
			t.Errorf("%s: the typed value became %q", value, attr(p.find("#m0-value"), "value"))
		}
	}
	if after, _ := e.db.Snapshot(context.Background()); after != before {
		t.Error("a refused save changed the database")
	}
}

// TestAddingARowKeepsWhatWasTyped: without JavaScript, "Add email" posts
// the form and comes back with one more row and everything typed kept.
func TestAddingARowKeepsWhatWasTyped(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("csr")
	form := b.get("/customers/" + c.ID + "/contact-methods")
	p := b.submit(form, "form[data-edit-methods]", url.Values{"m0.memo": {"Cell, evenings"}}, "action=add-email")
	if p.Status != 200 || attr(p.find("#m0-memo"), "value") != "Cell, evenings" || p.find("#m1-value") == nil || attr(p.find("#m1-value"), "type") != "email" {
		t.Fatalf("after adding an email row: %d\n%s", p.Status, p.text("main"))
	}
	saved := b.submit(p, "form[data-edit-methods]", url.Values{"m1.value": {"rosa@diazfamily.net"}}, "action=save")
	if !strings.Contains(saved.text(".methods"), "rosa@diazfamily.net") || !strings.Contains(saved.text(".methods"), "Cell, evenings") {
		t.Errorf("saved: %s", saved.text(".methods"))
	}
}

// TestSyncPromptAndConfirmation: replacing a number other records hold
// asks which to update — the customer's own location ticked, another
// customer's not — and choosing the other customer asks to confirm, naming
// them, before anything is written.
func TestSyncPromptAndConfirmation(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	landlord := e.customer("Maple Property Management", "512-867-5309")
	unit := e.location(landlord.ID, "Unit 4B", "512-867-5309")
	tenant := e.customer("Jordan Tenant", "512-867-5309")
	b := e.signedIn("csr")
	form := b.get("/customers/" + landlord.ID + "/contact-methods")
	prompt := b.submit(form, "form[data-edit-methods]", url.Values{"m0.value": {"512-444-0202"}}, "action=save")
	if prompt.Status != 200 || !strings.Contains(prompt.text("h1"), "Update other records") {
		t.Fatalf("no sync prompt: %d\n%s", prompt.Status, prompt.text("main"))
	}
	own, other := checkboxFor(prompt, unit.ContactMethods[0].ID), checkboxFor(prompt, tenant.ContactMethods[0].ID)
	if own == nil || other == nil || !hasAttr(own, "checked") || hasAttr(other, "checked") {
		t.Fatalf("the prompt's choices: own %v, other %v\n%s", own, other, prompt.text("main"))
	}
	if !strings.Contains(prompt.text("main"), "another customer") {
		t.Error("the other customer's record is not marked")
	}
	// Tick the other customer too: a confirmation naming them comes first.
	confirm := b.submit(prompt, "main form", url.Values{"sync": {unit.ContactMethods[0].ID, tenant.ContactMethods[0].ID}}, "action=sync")
	if !strings.Contains(confirm.text("h1"), "other customers") || !strings.Contains(confirm.text(".confirm-list"), "Jordan Tenant") {
		t.Fatalf("no confirmation: %d\n%s", confirm.Status, confirm.text("main"))
	}
	if c, _ := e.app.Customer(context.Background(), e.admin, tenant.ID); c.ContactMethods[0].Value != "+15128675309" {
		t.Fatal("the other customer was changed before confirming")
	}
	done := b.submit(confirm, "main form", nil, "action=sync")
	if !strings.Contains(done.text(".flash"), "2 other record(s) updated") {
		t.Fatalf("after confirming: %s\n%s", done.URL, done.text("main"))
	}
	for _, check := range []reach.Record{must(e.app.Location(context.Background(), e.admin, unit.ID)), must(e.app.Customer(context.Background(), e.admin, tenant.ID))} {
		if v := check.Header().ContactMethods[0].Value; v != "+15124440202" {
			t.Errorf("%s holds %s, want the new number", check.Header().Name, v)
		}
	}
}

// TestSyncOnlyTheOwnLocation: leaving the other customer unticked saves
// without a confirmation, and leaves them as they were.
func TestSyncOnlyTheOwnLocation(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	landlord := e.customer("Maple Property Management", "512-867-5309")
	unit := e.location(landlord.ID, "Unit 4B", "512-867-5309")
	tenant := e.customer("Jordan Tenant", "512-867-5309")
	b := e.signedIn("csr")
	form := b.get("/customers/" + landlord.ID + "/contact-methods")
	prompt := b.submit(form, "form[data-edit-methods]", url.Values{"m0.value": {"512-444-0202"}}, "action=save")
	done := b.submit(prompt, "main form", nil, "action=sync")
	if !strings.Contains(done.text(".flash"), "1 other record(s) updated") {
		t.Fatalf("after saving: %s\n%s", done.URL, done.text("main"))
	}
	if l := must(e.app.Location(context.Background(), e.admin, unit.ID)); l.ContactMethods[0].Value != "+15124440202" {
		t.Error("the ticked location was not updated")
	}
	if c := must(e.app.Customer(context.Background(), e.admin, tenant.ID)); c.ContactMethods[0].Value != "+15128675309" {
		t.Error("the unticked other customer was changed")
	}
}

// TestAConflictShowsTheirChangesAndKeepsMine: someone saves while the agent
// edits; the agent's save shows what they changed, with the agent's edit
// on top of it, and saving that keeps both.
func TestAConflictShowsTheirChangesAndKeepsMine(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("manager") // who may see the history
	form := b.get("/customers/" + c.ID + "/contact-methods")
	if _, _, err := e.app.AddContactMethod(context.Background(), e.admin, c.Ref(), app.ContactMethodInput{Value: "512-444-7777", Memo: "Work"}, 1); err != nil {
		t.Fatal(err)
	}
	p := b.submit(form, "form[data-edit-methods]", url.Values{"m0.memo": {"Cell, evenings"}}, "action=save")
	if p.Status != 409 || !strings.Contains(p.text(".error"), "Someone else saved") || !strings.Contains(p.text("#edit-form"), "(512) 444-7777") {
		t.Fatalf("the conflict: %d\n%s", p.Status, p.text("main"))
	}
	if attr(p.find("#m0-memo"), "value") != "Cell, evenings" {
		t.Errorf("the agent's memo was lost: %q", attr(p.find("#m0-memo"), "value"))
	}
	saved := b.submit(p, "form[data-edit-methods]", nil, "action=save")
	methods := saved.text(".methods")
	if !strings.Contains(methods, "Cell, evenings") || !strings.Contains(methods, "(512) 444-7777") {
		t.Errorf("after saving on top: %s\n%s", saved.URL, methods)
	}
}

// TestAConflictOnOneMethodKeepsBothEdits: someone changes a method's memo
// while the agent changes its number; the agent's edit put on top keeps
// their memo, as the agent never touched it.
func TestAConflictOnOneMethodKeepsBothEdits(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("csr")
	form := b.get("/customers/" + c.ID + "/contact-methods")
	memo := "Cell, evenings"
	if _, err := e.app.ChangeContactMethod(context.Background(), e.admin, c.ContactMethods[0].ID, app.ContactMethodChange{Patch: app.ContactMethodPatch{Memo: &memo}}, 1, false); err != nil {
		t.Fatal(err)
	}
	p := b.submit(form, "form[data-edit-methods]", url.Values{"m0.value": {"512-444-0303"}}, "action=save")
	if p.Status != 409 {
		t.Fatalf("the conflict: %d\n%s", p.Status, p.text("main"))
	}
	if v, m := attr(p.find("#m0-value"), "value"), attr(p.find("#m0-memo"), "value"); v != "512-444-0303" || m != memo {
		t.Errorf("on top of theirs the row holds %q and memo %q; want the agent's number and their memo", v, m)
	}
	saved := b.submit(p, "form[data-edit-methods]", nil, "action=save")
	if methods := saved.text(".methods"); !strings.Contains(methods, "(512) 444-0303") || !strings.Contains(methods, memo) {
		t.Errorf("after saving on top: %s", methods)
	}
}

// TestAConflictOnTheSameFieldIsShown: a CSR, who can't read the history,
// changes a number someone else changed too; the screen keeps the CSR's
// value and says what the other save put there, so saving replaces it
// knowingly.
func TestAConflictOnTheSameFieldIsShown(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("csr")
	form := b.get("/customers/" + c.ID + "/contact-methods")
	theirs := "512-444-1111"
	if _, err := e.app.ChangeContactMethod(context.Background(), e.admin, c.ContactMethods[0].ID, app.ContactMethodChange{Patch: app.ContactMethodPatch{Value: &theirs}}, 1, false); err != nil {
		t.Fatal(err)
	}
	p := b.submit(form, "form[data-edit-methods]", url.Values{"m0.value": {"512-444-2222"}}, "action=save")
	if p.Status != 409 || attr(p.find("#m0-value"), "value") != "512-444-2222" {
		t.Fatalf("the conflict: %d, the row holds %q", p.Status, attr(p.find("#m0-value"), "value"))
	}
	if note := p.text(".field-warning"); !strings.Contains(note, "(512) 444-1111") {
		t.Errorf("the row does not say what the other save put there: %q", note)
	}
}

// TestAMethodRemovedMeanwhileKeepsTheAgentsEdit: someone removes a method
// the agent was changing; the agent's edit comes back as a new row that
// says so, rather than vanishing.
func TestAMethodRemovedMeanwhileKeepsTheAgentsEdit(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309", "rosa@diazfamily.net")
	b := e.signedIn("csr")
	form := b.get("/customers/" + c.ID + "/contact-methods")
	if _, err := e.app.ChangeContactMethod(context.Background(), e.admin, c.ContactMethods[0].ID, app.ContactMethodChange{Remove: true}, 1, false); err != nil {
		t.Fatal(err)
	}
	p := b.submit(form, "form[data-edit-methods]", url.Values{"m0.value": {"512-444-3333"}, "m0.memo": {"New cell"}}, "action=save")
	if p.Status != 409 {
		t.Fatalf("the conflict: %d", p.Status)
	}
	if !strings.Contains(p.Body, "512-444-3333") || !strings.Contains(p.text(".field-warning"), "removed this method") {
		t.Fatalf("the agent's edit of a removed method vanished:\n%s", p.text("#edit-form"))
	}
	saved := b.submit(p, "form[data-edit-methods]", nil, "action=save")
	if methods := saved.text(".methods"); !strings.Contains(methods, "(512) 444-3333") || !strings.Contains(methods, "New cell") || !strings.Contains(methods, "rosa@diazfamily.net") {
		t.Errorf("after saving on top: %s", methods)
	}
}

// TestAConflictSaysEverythingTheOtherSaveDid: a CSR sees every change made
// meanwhile on the rows themselves — a memo changed on a row they left
// alone, a method they meant to remove that was changed (no longer marked
// for removal), a method removed.
func TestAConflictSaysEverythingTheOtherSaveDid(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309", "512-444-0001", "512-444-0002")
	ctx := context.Background()
	b := e.signedIn("csr")
	form := b.get("/customers/" + c.ID + "/contact-methods")
	memo, value := "Evenings", "512-444-0009"
	for i, ch := range []app.ContactMethodChange{{Patch: app.ContactMethodPatch{Memo: &memo}}, {Patch: app.ContactMethodPatch{Value: &value}}, {Remove: true}} {
		if _, err := e.app.ChangeContactMethod(ctx, e.admin, c.ContactMethods[i].ID, ch, int64(i+1), false); err != nil {
			t.Fatal(err)
		}
	}
	p := b.submit(form, "form[data-edit-methods]", url.Values{"m1.remove": {"1"}}, "action=save")
	if p.Status != 409 {
		t.Fatalf("the conflict: %d", p.Status)
	}
	notes := p.text("#edit-form")
	for _, want := range []string{"Memo: someone else changed it to “Evenings”", "tick Remove again", "Removed by someone else meanwhile: (512) 444-0002"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the conflict does not say %q:\n%s", want, notes)
		}
	}
	if remove := p.find("input[name=m1.remove]"); remove == nil || hasAttr(remove, "checked") {
		t.Error("a method changed meanwhile is still marked for removal")
	}
}

// TestGoBackNeverSaves: "Go back" from the confirmation returns to the
// prompt, or — when nothing is left to sync — to the edit; it never saves.
func TestGoBackNeverSaves(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.signedIn("csr")
	form := b.get("/customers/" + c.ID + "/contact-methods")
	p := b.submit(form, "form[data-edit-methods]", url.Values{"m0.value": {"512-444-0404"}}, "action=back")
	if got, _ := e.app.Customer(context.Background(), e.admin, c.ID); got.ContactMethods[0].Value != "+15128675309" || got.Version != c.Version {
		t.Errorf("going back saved: %s", got.ContactMethods[0].Value)
	}
	if attr(p.find("#m0-value"), "value") != "512-444-0404" {
		t.Errorf("going back lost the edit: %s\n%s", p.URL, p.text("main"))
	}
}

func checkboxFor(p *page, id string) *htmlNode {
	for _, n := range p.all("input[name=sync]") {
		if attr(n, "value") == id {
			return n
		}
	}
	return nil
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
