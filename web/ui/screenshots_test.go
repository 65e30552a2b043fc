package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"reach"
	"reach/app"
	"reach/demo"
)

// ScreenshotsEnv names the folder TestBrowserScreenshots saves the main
// screens to. The README's pictures are made with
//
//	REACH_BROWSER_TESTS=1 REACH_SCREENSHOTS=$PWD/docs/screenshots go test ./web/ui -run TestBrowserScreenshots
//
// Without it the pictures go to a temporary folder, so the command keeps
// working wherever the browser tests run.
const ScreenshotsEnv = "REACH_SCREENSHOTS"

// TestBrowserScreenshots walks the demo's screens as `serve --demo` shows
// them: search, a customer with locations and a shared number, Edit
// Contact Methods, the sync prompt, a call pop, the manager's and the
// admin's screens, and a record at phone width.
func TestBrowserScreenshots(t *testing.T) {
	alloc := browserAllocator(t)
	dir := os.Getenv(ScreenshotsEnv)
	if dir == "" {
		dir = t.TempDir()
	}
	ctx := context.Background()
	db := openSQLite(t)
	a := app.New(db)
	info, err := demo.Ensure(ctx, a, db)
	if err != nil {
		t.Fatal(err)
	}
	admin := demoAdmin(t, a, info)
	e := &env{t: t, db: db, app: a, admin: admin, tenant: info.TenantID, srv: serve(t, a, db)}
	c := showcase(t, a, admin)

	b := e.tab(t, alloc)
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // 100: PNG, not JPEG
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b.open("/signin")
	shot("signin")
	manager := info.Users[1]
	b.signInAs(manager.Email, manager.Password)
	b.do(chromedp.SendKeys(chromedp.CSS("#q"), info.Example))
	b.waitText("#results", "found for")
	b.do(chromedp.KeyEvent(kb.ArrowDown))
	shot("search")
	b.open("/customers/" + c.ID)
	b.waitText(".methods", "also on")
	shot("customer")
	b.open("/customers/" + c.ID + "/contact-methods")
	b.fill("#m0-value", "+44 20 7946 0958")
	b.waitText("#m0-value-msg", "international")
	shot("edit")
	b.fill("#m0-value", "512-444-0188")
	b.do(chromedp.Click(chromedp.CSS("button[value=save]")))
	b.waitText("h1", "Update other records too?")
	shot("sync")
	b.open("/customers/" + c.ID)
	time.Sleep(300 * time.Millisecond) // the call stream is open
	e.postCall(t, c.ContactMethods[0].Value, "screenshot-call")
	b.waitText("#call-pop", "Incoming call")
	shot("call-pop")
	b.open("/placeholders")
	shot("placeholders")
	b.do(chromedp.Click(chromedp.CSS("form.signout button")))
	b.waitPath("/signin")
	b.signInAs(info.Users[0].Email, info.Users[0].Password)
	b.open("/admin")
	shot("admin")
	b.do(chromedp.EmulateViewport(360, 740))
	b.open("/customers/" + c.ID)
	shot("customer-phone")
}

// demoAdmin is the demo's admin as an actor of the app.
func demoAdmin(t *testing.T, a *app.App, info demo.Info) reach.Actor {
	t.Helper()
	id, err := a.Authenticate(context.Background(), info.Users[0].Token, reach.SourceCLI)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// showcase picks, among the first demo customers, the one whose first
// number is on the most other records (a landlord's or a property
// manager's), with a location: the screens at their fullest.
func showcase(t *testing.T, a *app.App, admin reach.Actor) *reach.Customer {
	t.Helper()
	ctx := context.Background()
	page, err := a.ListCustomers(ctx, admin, reach.CustomerFilter{Limit: 400})
	if err != nil {
		t.Fatal(err)
	}
	var best *reach.Customer
	most := 0
	for _, listed := range page {
		c, err := a.Customer(ctx, admin, listed.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.ContactMethods) < 2 || !c.ContactMethods[0].Kind.IsNumber() {
			continue
		}
		shared, err := a.SharedWith(ctx, admin, c)
		if err != nil {
			t.Fatal(err)
		}
		if n := shared[c.ContactMethods[0].ID]; n > most {
			if locs, err := a.ListLocations(ctx, admin, reach.LocationFilter{CustomerID: c.ID, Limit: 1}); err == nil && len(locs) > 0 {
				best, most = c, n
			}
		}
	}
	if best == nil {
		t.Fatal("no demo customer shares a number")
	}
	return best
}
