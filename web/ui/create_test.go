package ui_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"reach"
	"reach/app"
)

// TestNewCustomerFromAnUnmatchedCall: a call no record holds offers "New
// customer" with the number filled in; creating them links the call.
func TestNewCustomerFromAnUnmatchedCall(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	ctx := context.Background()
	call, _, err := e.app.RecordCall(ctx, e.admin, app.CallInput{From: "+15128671234", To: "+15124440000", Provider: "test", ProviderCallID: "c-1"})
	if err != nil {
		t.Fatal(err)
	}
	b := e.signedIn("csr")
	calls := b.get("/calls")
	link := calls.find("a.button")
	if link == nil || !strings.Contains(attr(link, "href"), "call="+call.ID) {
		t.Fatalf("the calls page offers no new customer:\n%s", calls.text("main"))
	}
	form := b.get(attr(link, "href"))
	if attr(form.find("#m0-value"), "value") != "(512) 867-1234" {
		t.Fatalf("the number is not filled in: %q", attr(form.find("#m0-value"), "value"))
	}
	created := b.submit(form, "form[data-edit-methods]", url.Values{"name": {"Nadia Caller"}}, "action=create")
	if !strings.HasPrefix(created.URL.Path, "/customers/") || !strings.Contains(created.text(".flash"), "call linked") {
		t.Fatalf("after creating: %s\n%s", created.URL, created.text("main"))
	}
	got, err := e.app.Call(ctx, e.admin, call.ID)
	if err != nil || got.Link == nil || "/customers/"+got.Link.ID != created.URL.Path {
		t.Errorf("the call's link: %+v %v", got.Link, err)
	}
}

// TestCreatingRefusesBadInputInPlace: each problem is shown by its field,
// and what was typed stays.
func TestCreatingRefusesBadInputInPlace(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	b := e.signedIn("csr")
	form := b.get("/customers/new")
	p := b.submit(form, "form[data-edit-methods]", url.Values{"name": {""}, "address.state": {"XX"}, "m0.value": {"+33 1 42 68 53 00"}}, "action=create")
	if p.Status != 422 || p.text("#f-name-msg") == "" || p.text("#f-address.state-msg") == "" || !strings.Contains(p.text("#m0-value-msg"), "international") {
		t.Fatalf("a refused creation: %d\nname %q, state %q, number %q", p.Status, p.text("#f-name-msg"), p.text("#f-address.state-msg"), p.text("#m0-value-msg"))
	}
	if attr(p.find("#m0-value"), "value") != "+33 1 42 68 53 00" || attr(p.find("#f-address.state"), "value") != "XX" {
		t.Error("what was typed was lost")
	}
}

// TestLinkingACallToTheChosenRecord: a number on two customers' records is
// linked by the agent's choice, never to whatever is open.
func TestLinkingACallToTheChosenRecord(t *testing.T) {
	e := newEnv(t, openSQLite(t))
	ctx := context.Background()
	a := e.customer("Ana Shared", "512-867-4321")
	e.customer("Ben Shared", "512-867-4321")
	call, _, err := e.app.RecordCall(ctx, e.admin, app.CallInput{From: "+15128674321", To: "+15124440000", Provider: "test", ProviderCallID: "c-2"})
	if err != nil || call.Link != nil {
		t.Fatalf("the call: %+v %v", call, err)
	}
	b := e.signedIn("csr")
	calls := b.get("/calls")
	var chosen *htmlNode
	for _, f := range calls.all("td form") {
		if strings.Contains(textOf(f), "Ana Shared") {
			chosen = f
		}
	}
	if chosen == nil {
		t.Fatalf("no link to Ana:\n%s", calls.text("main"))
	}
	opened := b.post(attr(chosen, "action"), fieldsOf(chosen))
	if opened.URL.Path != "/customers/"+a.ID {
		t.Fatalf("linking opened %s", opened.URL)
	}
	got, _ := e.app.Call(ctx, e.admin, call.ID)
	if got.Link == nil || got.Link.ID != a.ID || got.Link.By != "agent" || got.Link.Type != reach.RecordCustomer {
		t.Errorf("the call's link: %+v", got.Link)
	}
}
