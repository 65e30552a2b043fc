package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"reach"
	"reach/app"
	"reach/sqlstore"
	"reach/sqlstore/storetest"
)

// sseEvent is one event read from a call stream.
type sseEvent struct {
	ID   int64
	Type string
	Call reach.Call
}

// stream is an open call stream, read as a browser's EventSource would.
type stream struct {
	t      testing.TB
	events chan sseEvent
	cancel context.CancelFunc
}

// openStream connects to the call stream as a role and returns once the
// server has answered, when every later event is sure to be delivered.
func openStream(t testing.TB, baseURL, token string, headers ...string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", baseURL+"/api/v1/calls/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "text/event-stream")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := contractClient(t).Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		t.Fatalf("stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	s := &stream{t: t, events: make(chan sseEvent, 1000), cancel: cancel}
	go s.read(res)
	t.Cleanup(s.close)
	return s
}

func (s *stream) read(res *http.Response) {
	defer res.Body.Close()
	defer close(s.events)
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var ev sseEvent
	var data strings.Builder
	for sc.Scan() {
		line := sc.Text()
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch {
		case line == "":
			if data.Len() > 0 {
				if err := json.Unmarshal([]byte(data.String()), &ev.Call); err != nil {
					s.t.Errorf("event %d data is not a call: %v: %s", ev.ID, err, data.String())
				}
				s.events <- ev
			}
			ev, data = sseEvent{}, strings.Builder{}
		case field == "id":
			ev.ID, _ = strconv.ParseInt(value, 10, 64)
		case field == "event":
			ev.Type = value
		case field == "data":
			data.WriteString(value)
		}
	}
}

func (s *stream) close() { s.cancel() }

// next returns the next event, failing the test if none comes in time.
func (s *stream) next() sseEvent {
	s.t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			s.t.Fatal("the stream ended")
		}
		return ev
	case <-time.After(5 * time.Second):
		s.t.Fatal("no event within 5 s")
	}
	return sseEvent{}
}

// quiet fails the test if an event arrives within d.
func (s *stream) quiet(d time.Duration) {
	s.t.Helper()
	select {
	case ev := <-s.events:
		s.t.Errorf("unexpected event %d %s for call %s", ev.ID, ev.Type, ev.Call.ID)
	case <-time.After(d):
	}
}

func TestScreenPopStreamsCallsAsTheyHappen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		alma := e.customer(obj{"name": "Alma Ruiz", "contact_methods": arr{obj{"value": "512-867-5309", "memo": "cell"}}})
		e.customer(obj{"name": "Bo Li", "contact_methods": arr{obj{"value": "512-444-0101"}}})
		e.customer(obj{"name": "Cy Diaz", "contact_methods": arr{obj{"value": "512-444-0101"}}})
		agent := openStream(t, e.srv.URL, e.tokens["viewer"])
		other := openStream(t, e.srv.URL, e.tokens["other"])
		if m := e.must(200, "", "GET", "/metrics", nil); !strings.Contains(string(m.Body), "\nreach_call_streams_open 2\n") {
			t.Errorf("/metrics does not count the 2 open streams")
		}

		var call reach.Call
		e.must(201, "csr", "POST", "/api/v1/calls", obj{"from": "(512) 867-5309", "provider": "twilio", "provider_call_id": "CA-pop"}).Decode(t, &call)
		ev := agent.next()
		var matches []struct {
			Customer struct{ ID, Name string }
		}
		_ = json.Unmarshal(ev.Call.Matches, &matches)
		if ev.Type != reach.CallIncoming || ev.Call.ID != call.ID || ev.ID != 1 || len(matches) != 1 || matches[0].Customer.Name != "Alma Ruiz" ||
			ev.Call.Link == nil || ev.Call.Link.CustomerID != alma.ID {
			t.Fatalf("first event: %+v; want call.incoming 1 for Alma's call, linked by number", ev)
		}

		// A retried post is the same call: no second pop.
		e.must(200, "csr", "POST", "/api/v1/calls", obj{"from": "(512) 867-5309", "provider": "twilio", "provider_call_id": "CA-pop"})
		// A shared number pops with both matches; the agent links it.
		var shared reach.Call
		e.must(201, "csr", "POST", "/api/v1/calls", obj{"from": "+15124440101", "provider": "twilio", "provider_call_id": "CA-shared"}).Decode(t, &shared)
		ev = agent.next()
		_ = json.Unmarshal(ev.Call.Matches, &matches)
		if ev.Type != reach.CallIncoming || ev.Call.ID != shared.ID || ev.ID != 2 || len(matches) != 2 || ev.Call.Link != nil {
			t.Fatalf("second event: %+v; want call.incoming 2 with two matches, unlinked", ev)
		}
		e.must(200, "csr", "POST", "/api/v1/calls/"+shared.ID+"/link", obj{"customer_id": alma.ID})
		ev = agent.next()
		if ev.Type != reach.CallLinked || ev.ID != 3 || ev.Call.Link == nil || ev.Call.Link.By != "agent" || ev.Call.Link.CustomerID != alma.ID {
			t.Fatalf("third event: %+v; want call.linked 3 to Alma by the agent", ev)
		}

		// Linking it again to the same record changes nothing and pops nothing.
		e.must(200, "csr", "POST", "/api/v1/calls/"+shared.ID+"/link", obj{"customer_id": alma.ID})

		// Twilio's status callback.
		e.must(200, "admin", "PUT", "/api/v1/settings/twilio", obj{"auth_token": "secret-a"})
		form := url.Values{"CallSid": {"CA-pop"}, "CallStatus": {"completed"}}
		if status, body := twilioPost(t, e, "/webhooks/twilio/status/"+e.tenantA, "secret-a", form); status != 204 && status != 200 {
			t.Fatalf("status callback: %d %s", status, body)
		}
		ev = agent.next()
		if ev.Type != reach.CallStatus || ev.ID != 4 || ev.Call.ID != call.ID || ev.Call.Status != "completed" {
			t.Fatalf("fourth event: %+v; want call.status 4 completed", ev)
		}
		// A late "ringing" after "completed" changes nothing and pops nothing.
		form.Set("CallStatus", "ringing")
		twilioPost(t, e, "/webhooks/twilio/status/"+e.tenantA, "secret-a", form)
		var got reach.Call
		e.must(200, "viewer", "GET", "/api/v1/calls/"+call.ID, nil).Decode(t, &got)
		if got.Status != "completed" {
			t.Errorf("a late callback moved an ended call back to %q", got.Status)
		}

		// Tenant B's agent saw none of it: its first event is its own call.
		var own reach.Call
		e.must(201, "other", "POST", "/api/v1/calls", obj{"from": "+15128675309", "provider": "twilio", "provider_call_id": "CA-pop"}).Decode(t, &own)
		if ev := other.next(); ev.Call.ID != own.ID || ev.ID != 1 || string(ev.Call.Matches) != "[]" {
			t.Errorf("tenant B's first event: %+v; want its own call with no matches, id 1", ev)
		}
		agent.quiet(300 * time.Millisecond)
	})
}

func TestScreenPopResumesAfterReconnect(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		post := func(id string) {
			e.must(201, "csr", "POST", "/api/v1/calls", obj{"from": "+15128675309", "provider": "twilio", "provider_call_id": id})
		}
		post("CA-before") // before any stream: a new stream starts after it
		s := openStream(t, e.srv.URL, e.tokens["csr"])
		post("CA-1")
		first := s.next()
		s.close()
		post("CA-2") // while the agent is disconnected
		post("CA-3")

		resumed := openStream(t, e.srv.URL, e.tokens["csr"], "Last-Event-ID", strconv.FormatInt(first.ID, 10))
		var got []string
		for range 2 {
			ev := resumed.next()
			got = append(got, ev.Call.ProviderCallID+"#"+strconv.FormatInt(ev.ID, 10))
		}
		if want := "CA-2#3 CA-3#4"; strings.Join(got, " ") != want || first.Call.ProviderCallID != "CA-1" || first.ID != 2 {
			t.Errorf("first stream got %s#%d; resumed stream got %v; want CA-1#2 then %s", first.Call.ProviderCallID, first.ID, got, want)
		}

		// From the start of the feed, and from an id beyond it (a stale client).
		fromStart := openStream(t, e.srv.URL, e.tokens["csr"], "Last-Event-ID", "0")
		if ev := fromStart.next(); ev.Call.ProviderCallID != "CA-before" {
			t.Errorf("Last-Event-ID 0 starts with %+v, want the first call", ev)
		}
		stale := openStream(t, e.srv.URL, e.tokens["csr"], "Last-Event-ID", "999")
		post("CA-4")
		if ev := stale.next(); ev.Call.ProviderCallID != "CA-4" || ev.ID != 5 {
			t.Errorf("a stream resumed beyond the feed got %+v, want CA-4#5", ev)
		}

		for _, bad := range []string{"abc", "-1", "1.5"} {
			r := e.do("csr", "GET", "/api/v1/calls/stream", nil, "Last-Event-ID", bad)
			if r.Status != 422 || r.Code() != "validation_failed" {
				t.Errorf("Last-Event-ID %q: %d %s", bad, r.Status, r.Body)
			}
		}
		if r := e.do("", "GET", "/api/v1/calls/stream", nil); r.Status != 401 {
			t.Errorf("stream without a token: %d", r.Status)
		}
	})
}

// TestScreenPopUnderConcurrentCalls: calls posted at once all pop, each
// once, with ids that count up without gaps.
func TestScreenPopUnderConcurrentCalls(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		s := openStream(t, e.srv.URL, e.tokens["viewer"])
		const calls = 30
		var wg sync.WaitGroup
		for i := range calls {
			wg.Add(2)
			for range 2 { // each call posted twice at once: one pop
				go func() {
					defer wg.Done()
					e.do("csr", "POST", "/api/v1/calls", obj{"from": "+15128675309", "provider": "twilio", "provider_call_id": "CA-" + strconv.Itoa(i)})
				}()
			}
		}
		wg.Wait()
		seen := map[string]bool{}
		for want := int64(1); want <= calls; want++ {
			ev := s.next()
			if ev.ID != want || seen[ev.Call.ProviderCallID] {
				t.Fatalf("event %d (%s) out of order or repeated; want id %d", ev.ID, ev.Call.ProviderCallID, want)
			}
			seen[ev.Call.ProviderCallID] = true
		}
		s.quiet(300 * time.Millisecond)
	})
}

// TestScreenPopAcrossInstances runs two reach instances on one PostgreSQL
// database: an agent connected to one sees calls posted to the other.
func TestScreenPopAcrossInstances(t *testing.T) {
	dsn := storetest.DSN(t, "postgres")
	a := newEnv(t, storetest.OpenDSN(t, dsn))
	dbB := storetest.OpenDSN(t, dsn)
	appB := app.New(dbB)
	srvB := httptest.NewServer(newHandler(appB, dbB))
	t.Cleanup(srvB.Close)
	ctx, stop := context.WithCancel(context.Background())
	var watching sync.WaitGroup
	t.Cleanup(func() { stop(); watching.Wait() })
	for _, inst := range []struct {
		db  *sqlstore.DB
		app *app.App
	}{{a.db, a.app}, {dbB, appB}} {
		watching.Go(func() { inst.db.WatchCallEvents(ctx, inst.app.WakeCallFeeds, func(err error) { t.Error(err) }) })
	}
	// Wait until both instances listen, so the calls below can only reach
	// the other instance by NOTIFY, not by the wake-up every (re)connection
	// gives.
	waitForListeners(t, a.db, 2)
	alma := a.customer(obj{"name": "Alma Ruiz", "contact_methods": arr{obj{"value": "512-867-5309"}}})
	onA := openStream(t, a.srv.URL, a.tokens["viewer"])
	onB := openStream(t, srvB.URL, a.tokens["viewer"])

	post := func(baseURL, id string) reach.Call {
		req, _ := http.NewRequest("POST", baseURL+"/api/v1/calls", strings.NewReader(
			`{"from":"+15128675309","provider":"twilio","provider_call_id":"`+id+`"}`))
		req.Header.Set("Authorization", "Bearer "+a.tokens["csr"])
		req.Header.Set("Content-Type", "application/json")
		res, err := contractClient(t).Do(req)
		if err != nil || res.StatusCode != 201 {
			t.Fatalf("post call to %s: %v %v", baseURL, err, res)
		}
		defer res.Body.Close()
		var c reach.Call
		_ = json.NewDecoder(res.Body).Decode(&c)
		return c
	}
	toB := post(srvB.URL, "CA-via-B")
	for name, s := range map[string]*stream{"instance A": onA, "instance B": onB} {
		if ev := s.next(); ev.Type != reach.CallIncoming || ev.Call.ID != toB.ID || ev.Call.Link == nil || ev.Call.Link.CustomerID != alma.ID {
			t.Errorf("%s's agent got %+v; want the call posted to B", name, ev)
		}
	}
	toA := post(a.srv.URL, "CA-via-A")
	if ev := onB.next(); ev.Call.ID != toA.ID || ev.ID != 2 {
		t.Errorf("instance B's agent got %+v; want the call posted to A as event 2", ev)
	}
}

// waitForListeners waits until n connections of the database are listening
// for call events.
func waitForListeners(t *testing.T, db *sqlstore.DB, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got, err := db.CallEventListeners(context.Background()); err != nil {
			t.Fatal(err)
		} else if got >= n {
			return
		}
	}
	t.Fatalf("fewer than %d instances listen for call events", n)
}
