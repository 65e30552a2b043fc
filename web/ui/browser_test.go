package ui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests drive Debian's Chromium, headless, through the pages
// as an agent would. They run when BrowserEnv is 1 (CI sets it, and
// installs chromium); AxeEnv names axe-core's script, injected to check
// each main screen against WCAG 2 A and AA.
const (
	BrowserEnv = "REACH_BROWSER_TESTS"
	AxeEnv     = "REACH_AXE"
)

// browserAllocator starts one Chromium for a test, or skips the test; each
// tab of the test opens in it with cookies of its own.
func browserAllocator(t *testing.T) context.Context {
	t.Helper()
	if os.Getenv(BrowserEnv) != "1" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set but CI is: the browser tests must run in CI", BrowserEnv)
		}
		t.Skipf("browser test skipped: set %s=1 (with chromium installed) to run it (CI does)", BrowserEnv)
	}
	path := os.Getenv("REACH_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		t.Fatalf("%s=1 but no chromium is installed (apt-get install chromium, or set REACH_CHROMIUM)", BrowserEnv)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	browser, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(browser); err != nil { // starts it
		t.Fatalf("starting %s: %v", path, err)
	}
	return browser
}

// tab is one browser window with cookies of its own: one agent.
type tab struct {
	t   *testing.T
	e   *env
	ctx context.Context

	mu      sync.Mutex
	console []string // what the page's script logged or threw
}

func (e *env) tab(t *testing.T, alloc context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	b := &tab{t: t, e: e, ctx: ctx}
	// What the page's script says or throws is shown when the test fails.
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			b.say("console." + string(ev.Type) + ": " + strings.Join(args, " "))
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.say(fmt.Sprintf("page script threw at %s:%d: %s", d.URL, d.LineNumber+1, msg))
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			b.mu.Lock()
			defer b.mu.Unlock()
			for _, line := range b.console {
				t.Log(line)
			}
		}
	})
	return b
}

// say keeps a line the page's script wrote.
func (b *tab) say(line string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.console = append(b.console, line)
}

// fill replaces what a field holds with text, typed key by key.
func (b *tab) fill(sel, text string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, sel)), chromedp.SendKeys(chromedp.CSS(sel), text))
}

// do runs steps, failing the test on the first that fails.
func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v\nthe page shows: %s", err, b.text("body"))
	}
}

func (b *tab) open(path string) { b.t.Helper(); b.do(chromedp.Navigate(b.e.srv.URL + path)) }

// text is the visible text of the first element matching a CSS selector.
func (b *tab) text(sel string) string {
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {innerText: ""}).innerText`, sel)))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return strings.Join(strings.Fields(s), " ")
}

// waitText waits until an element's text holds want.
func (b *tab) waitText(sel, want string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(b.text(sel), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("%s never showed %q; it shows %q", sel, want, b.text(sel))
}

// path is where the browser is, once the page there has loaded ("" before).
func (b *tab) path() string {
	loc, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname + location.search : ""`))
	if err != nil {
		b.t.Fatal(err)
	}
	return loc
}

// waitPath waits for the browser to arrive at a page.
func (b *tab) waitPath(prefix string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.HasPrefix(b.path(), prefix) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("the browser is at %s, not %s; the page shows %s", b.path(), prefix, b.text("main"))
}

// signIn signs the tab in as tenant A's user of role, through the form.
func (b *tab) signIn(role string) { b.t.Helper(); b.signInAs(role+"@tenant-a.com", role+" password") }

func (b *tab) signInAs(email, password string) {
	b.t.Helper()
	b.open("/signin")
	b.do(
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("header.top")),
	)
}

// axe checks the page against WCAG 2 A and AA with axe-core.
func (b *tab) axe(screen string) {
	b.t.Helper()
	path := os.Getenv(AxeEnv)
	if path == "" {
		if os.Getenv("CI") != "" {
			b.t.Fatalf("%s is not set but CI is: the accessibility checks must run in CI", AxeEnv)
		}
		b.t.Logf("accessibility check of %s skipped: set %s to axe-core's axe.min.js", screen, AxeEnv)
		return
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](string(src)+";true")); err != nil {
		b.t.Fatalf("injecting axe-core: %v", err)
	}
	out, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](
		`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => JSON.stringify(r.violations))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe-core on %s: %v", screen, err)
	}
	var violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []string `json:"target"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(out), &violations); err != nil {
		b.t.Fatal(err)
	}
	for _, v := range violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, strings.Join(n.Target, " "))
		}
		b.t.Errorf("%s: axe-core %s: %s (at %s)", screen, v.ID, v.Help, strings.Join(where, "; "))
	}
}

func TestBrowserSignInAndOut(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	b := e.tab(t, alloc)
	b.open("/")
	b.waitPath("/signin")
	b.axe("sign-in")
	b.do(
		chromedp.SendKeys(chromedp.CSS("#email"), "csr@tenant-a.com"),
		chromedp.SendKeys(chromedp.CSS("#password"), "wrong password"),
		chromedp.Click(chromedp.CSS("form button[type=submit]")),
	)
	b.waitText(".error", "email or password is not right")
	b.signIn("csr")
	b.waitText(".me", "Csr User")
	b.do(chromedp.Click(chromedp.CSS("form.signout button")))
	b.waitPath("/signin")
	b.open("/")
	b.waitPath("/signin")
}

func TestBrowserSearchWithTheKeyboard(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	rosa := e.customer("Rosa Diaz", "512-867-5309")
	e.customer("Rosalind Franklin", "512-444-1212")
	b := e.tab(t, alloc)
	b.signIn("csr")
	// By name, as you type; ↓ and Enter open the first result.
	b.do(chromedp.SendKeys(chromedp.CSS("#q"), "rosa d"))
	b.waitText("#results", "Rosa Diaz")
	b.axe("search")
	b.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	b.waitPath("/customers/" + rosa.ID)
	// By the last four digits, after "/" from the record page.
	b.do(chromedp.KeyEvent("/"))
	if id, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.activeElement.id`)); id != "top-q" {
		t.Fatalf("/ focused %q, not the search box", id)
	}
	b.fill("#top-q", "5309"+kb.Enter) // (the test's "/" arrives as a character too, which a real key press does not)
	b.waitText("#results", "Rosa Diaz")
	if strings.Contains(b.text("#results"), "Rosalind") {
		t.Error("the last four digits matched another number")
	}
}

func TestBrowserEditSaveAndUndo(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.tab(t, alloc)
	b.signIn("csr")
	b.open("/customers/" + c.ID)
	b.axe("customer page")
	b.do(chromedp.Click(chromedp.CSS("a[href$='/contact-methods']")))
	b.waitPath("/customers/" + c.ID + "/contact-methods")
	b.axe("edit contact methods")
	// One click switches a mobile to a phone; the new value is checked as typed.
	b.do(chromedp.Click(chromedp.CSS("input[name='m0.kind'][value=phone] + span")))
	b.fill("#m0-value", "512.444.0101")
	b.waitText("#m0-value-msg", "(512) 444-0101")
	b.do(chromedp.Click(chromedp.CSS("button[value=add-email]")))
	b.do(chromedp.WaitVisible(chromedp.CSS("#m1-value")))
	b.do(chromedp.SendKeys(chromedp.CSS("#m1-value"), "rosa@diazfamily.net"))
	b.waitText("#m0-value-msg", "(512) 444-0101") // what was checked stays checked as a row is added
	b.do(chromedp.Click(chromedp.CSS("button[value=save]")))
	b.waitText(".flash", "Contact methods saved")
	b.waitText(".methods", "(512) 444-0101")
	b.waitText(".methods", "rosa@diazfamily.net")
	b.do(chromedp.Click(chromedp.CSS(".flash button")))
	b.waitText(".flash", "Undone")
	b.waitText(".methods", "(512) 867-5309")
}

// TestBrowserAddingARowAfterTheSessionEnded goes to sign in, rather than
// swapping a sign-in page into the form.
func TestBrowserAddingARowAfterTheSessionEnded(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.tab(t, alloc)
	b.signIn("csr")
	b.open("/customers/" + c.ID + "/contact-methods")
	if err := e.app.SetPassword(context.Background(), e.admin, e.users["csr"], "a new password"); err != nil { // ends the csr's sessions
		t.Fatal(err)
	}
	b.do(chromedp.Click(chromedp.CSS("button[value=add-email]")))
	b.waitPath("/signin")
}

func TestBrowserRefusesBadNumbersInPlace(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.tab(t, alloc)
	b.signIn("csr")
	b.open("/customers/" + c.ID + "/contact-methods")
	b.fill("#m0-value", "+44 20 7946 0958")
	b.waitText("#m0-value-msg", "international number")
	b.fill("#m0-value", "(512) 555-0123")
	b.waitText("#m0-value-msg", "placeholder")
	b.do(chromedp.Click(chromedp.CSS("button[value=save]")))
	b.waitText("#m0-value-msg", "placeholder")
	b.waitText(".error", "can't be saved")
	if got, _ := e.app.Customer(context.Background(), e.admin, c.ID); got.ContactMethods[0].Value != "+15128675309" {
		t.Error("the refused value was saved")
	}
}

func TestBrowserSyncWithCrossCustomerConfirmation(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	landlord := e.customer("Maple Property Management", "512-867-5309")
	e.location(landlord.ID, "Unit 4B", "512-867-5309")
	tenant := e.customer("Jordan Tenant", "512-867-5309")
	b := e.tab(t, alloc)
	b.signIn("csr")
	b.open("/customers/" + landlord.ID + "/contact-methods")
	b.fill("#m0-value", "512-444-0202")
	b.do(chromedp.Click(chromedp.CSS("button[value=save]")))
	b.waitText("h1", "Update other records too?")
	b.axe("sync prompt")
	b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf("input[value='%s']", tenant.ContactMethods[0].ID))), chromedp.Click(chromedp.CSS("button[value=sync]")))
	b.waitText(".confirm-list", "Jordan Tenant")
	b.axe("cross-customer confirmation")
	b.do(chromedp.Click(chromedp.CSS("button[value=sync]")))
	b.waitText(".flash", "2 other record(s) updated")
	if got, _ := e.app.Customer(context.Background(), e.admin, tenant.ID); got.ContactMethods[0].Value != "+15124440202" {
		t.Error("the confirmed other customer was not updated")
	}
	b.do(chromedp.Click(chromedp.CSS(".flash button")))
	b.waitText(".flash", "Undone: 3 record(s)")
	if got, _ := e.app.Customer(context.Background(), e.admin, tenant.ID); got.ContactMethods[0].Value != "+15128675309" {
		t.Error("undo did not put the other customer back")
	}
}

func TestBrowserConflictBetweenTwoSessions(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	first, second := e.tab(t, alloc), e.tab(t, alloc)
	first.signIn("manager")
	second.signIn("admin")
	first.open("/customers/" + c.ID + "/contact-methods")
	second.open("/customers/" + c.ID + "/contact-methods")
	second.do(chromedp.SendKeys(chromedp.CSS("#m0-memo"), "Cell"), chromedp.Click(chromedp.CSS("button[value=save]")))
	second.waitText(".flash", "Contact methods saved")
	first.fill("#m0-value", "512-444-0303")
	first.do(chromedp.Click(chromedp.CSS("button[value=save]")))
	first.waitText(".error", "Someone else saved")
	first.waitText("#edit-form", "Cell")
	first.axe("conflict")
	if v, _ := chromedp.Run(first.ctx, chromedp.Value(chromedp.CSS("#m0-value"))); v != "512-444-0303" {
		t.Errorf("the agent's typing was lost: %q", v)
	}
	first.do(chromedp.Click(chromedp.CSS("button[value=save]")))
	first.waitText(".flash", "Contact methods saved")
	first.waitText(".methods", "(512) 444-0303")
	first.waitText(".methods", "Cell")
}

func TestBrowserCallPopsAndLinksInOneClick(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	other := e.customer("Somebody Else", "512-444-9999")
	b := e.tab(t, alloc)
	b.signIn("csr")
	b.open("/customers/" + other.ID)   // what the agent has open must not matter
	time.Sleep(300 * time.Millisecond) // the stream is open
	call := e.postCall(t, "+15128675309", "pop-1")
	b.waitText("#call-pop", "(512) 867-5309")
	b.waitText("#call-pop", "Open Rosa Diaz")
	b.axe("call pop")
	b.do(chromedp.Click(chromedp.CSS("#call-pop li button")))
	b.waitPath("/customers/" + c.ID)
	got, _ := e.app.Call(context.Background(), e.admin, call)
	if got.Link == nil || got.Link.ID != c.ID {
		t.Errorf("the call's link: %+v", got.Link)
	}
	// A number two customers share: the agent picks, and the call is linked
	// to the one picked.
	shared := e.customer("Household Two", "512-444-9999")
	time.Sleep(300 * time.Millisecond) // the new page's stream is open
	call = e.postCall(t, "+15124449999", "pop-shared")
	b.waitText("#call-pop", "Matches 2 records")
	b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf("#call-pop li:nth-child(%d) button", matchIndex(t, e, call, shared.ID)+1))))
	b.waitPath("/customers/" + shared.ID)
	if got, _ := e.app.Call(context.Background(), e.admin, call); got.Link == nil || got.Link.ID != shared.ID || got.Link.By != "agent" {
		t.Errorf("the shared number's call is linked %+v; want the agent's pick", got.Link)
	}
}

// matchIndex is where a call's matches list a customer.
func matchIndex(t *testing.T, e *env, callID, customerID string) int {
	t.Helper()
	got, err := e.app.Call(context.Background(), e.admin, callID)
	if err != nil {
		t.Fatal(err)
	}
	var matches []struct {
		Record struct{ ID string } `json:"record"`
	}
	if err := json.Unmarshal(got.Matches, &matches); err != nil {
		t.Fatal(err)
	}
	for i, m := range matches {
		if m.Record.ID == customerID {
			return i
		}
	}
	t.Fatalf("the call's matches %s do not list %s", got.Matches, customerID)
	return 0
}

func TestBrowserNewCustomerFromAnUnmatchedCall(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	b := e.tab(t, alloc)
	b.signIn("csr")
	time.Sleep(300 * time.Millisecond)
	call := e.postCall(t, "+15128671234", "pop-2")
	b.waitText("#call-pop", "No record holds this number")
	b.do(chromedp.Click(chromedp.CSS("#call-pop a.button")))
	b.waitPath("/customers/new")
	if v, _ := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS("#m0-value"))); v != "(512) 867-1234" {
		t.Errorf("the number was not filled in: %q", v)
	}
	b.axe("new customer")
	b.do(chromedp.SendKeys(chromedp.CSS("#f-name"), "Nadia Caller"), chromedp.Click(chromedp.CSS("button[value=create]")))
	b.waitText(".flash", "call linked")
	got, _ := e.app.Call(context.Background(), e.admin, call)
	if got.Link == nil || !strings.HasSuffix(b.path(), got.Link.ID) {
		t.Errorf("the call's link %+v; the browser is at %s", got.Link, b.path())
	}
}

func TestBrowserViewerHasNoEditControls(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	b := e.tab(t, alloc)
	b.signIn("viewer")
	b.open("/customers/" + c.ID)
	b.waitText("h1", "Rosa Diaz")
	if n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("a[href$='/contact-methods'], form[method=post]:not(.signout)").length`)); n != 0 {
		t.Errorf("the viewer's page has %d edit controls", n)
	}
	// An edit forged from the viewer's own session is refused by the server.
	status, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](fmt.Sprintf(`fetch("/customers/%s/contact-methods", {method: "POST",
		headers: {"Content-Type": "application/x-www-form-urlencoded"},
		body: "version=1&rows=1&m0.id=%s&m0.kind=mobile&m0.value=512-444-0000&action=save"}).then(r => r.status)`, c.ID, c.ContactMethods[0].ID),
		chromedp.EvalAwaitPromise))
	if err != nil || status != 403 {
		t.Errorf("a forged edit: %d %v", status, err)
	}
	// The call pop shows a viewer who is calling, with nothing to create.
	e.postCall(t, "+15128671234", "viewer-pop")
	b.waitText("#call-pop", "No record holds this number")
	if n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#call-pop a.button").length`)); n != 0 {
		t.Error("the viewer's call pop offers to create a customer")
	}
}

func TestBrowserCrossSiteFormIsRefused(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309")
	evil := e.evilSite(t, c)
	b := e.tab(t, alloc)
	b.signIn("csr")
	b.do(chromedp.Navigate(evil))
	b.waitText("body", "another site")
	if got, _ := e.app.Customer(context.Background(), e.admin, c.ID); got.ContactMethods[0].Value != "+15128675309" {
		t.Error("the cross-site form changed the record")
	}
}

func TestBrowserManagerAndAdminScreens(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	legacyCustomer(t, e, "Old Record", "+15125550142")
	b := e.tab(t, alloc)
	b.signIn("admin")
	b.open("/placeholders")
	b.waitText("table", "(512) 555-0142")
	b.axe("placeholders")
	b.open("/calls")
	b.axe("calls")
	b.open("/admin")
	b.waitText("table", "Csr User")
	b.axe("admin")
}

// TestBrowserNarrowScreens: the main screens fit a 360 px phone: nothing
// wider than the window.
func TestBrowserNarrowScreens(t *testing.T) {
	alloc := browserAllocator(t)
	e := newEnv(t, openSQLite(t))
	c := e.customer("Rosa Diaz", "512-867-5309", "accounts@kaurassociatespropertymanagement.net")
	l := e.location(c.ID, "Lake house", "512-867-5309")
	e.postCall(t, "+15128675309", "narrow-1")
	b := e.tab(t, alloc)
	b.do(chromedp.EmulateViewport(360, 740))
	b.signIn("manager") // who sees every part of a record, history too
	for _, path := range []string{"/", "/?q=rosa", "/customers/" + c.ID, "/locations/" + l.ID, "/customers/" + c.ID + "/contact-methods", "/calls", "/placeholders"} {
		b.open(path)
		wide, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil || wide > 360 {
			t.Errorf("%s is %d px wide on a 360 px screen", path, wide)
		}
	}
}
