// Package feedhub holds, per tenant with open call feeds on this instance,
// who to wake when the tenant's feed grows and the events read most
// recently, so that a call popping on three hundred agents' screens is read
// from the database once, not three hundred times.
//
// A wake-up carries no data: the feed table is the one source of truth,
// which is what lets a client resume and lets a missed or doubled wake-up
// cost nothing but a query.
package feedhub

import (
	"sync"
	"sync/atomic"
	"time"

	"reach"
)

// Batch bounds the events one read of a feed returns.
const Batch = 200

// recentEvents is how many of a tenant's latest events the hub keeps.
const recentEvents = 256

// Hub is every tenant's part of this instance's open feeds. The zero value
// is ready to use.
type Hub struct {
	mu      sync.Mutex
	tenants map[string]*tenantFeed
}

// Load reads a tenant's events after a seq from the database, oldest first,
// at most Batch of them.
type Load func(after int64) ([]reach.CallEvent, error)

// tenantFeed is one tenant's part of the hub.
type tenantFeed struct {
	subs map[chan struct{}]struct{} // guarded by Hub.mu
	// wakes counts wake-ups. A read that began after the wake-up for an
	// event sees the event: wakes come after commits.
	wakes atomic.Uint64

	// read serialises reads of the feed and guards the fields below.
	read sync.Mutex
	// readWakes is wakes when the last read began; readTo the last seq the
	// reads have reached (every event up to it is in recent or older).
	readWakes uint64
	readTo    int64
	readAt    time.Time
	recent    []reach.CallEvent
}

// Subscription is one listener of a tenant's feed.
type Subscription struct {
	tenant *tenantFeed
	// Wake receives a signal when the tenant's feed may have grown.
	Wake  <-chan struct{}
	close func()
}

// Subscribe adds a listener for the tenant and returns where the feed ends,
// read by end once the listener is in place, so an event committed in
// between is not missed.
func (h *Hub) Subscribe(tenantID string, end func() (int64, error)) (*Subscription, int64, error) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	if h.tenants == nil {
		h.tenants = map[string]*tenantFeed{}
	}
	tf := h.tenants[tenantID]
	if tf == nil {
		tf = &tenantFeed{subs: map[chan struct{}]struct{}{}, readTo: -1}
		h.tenants[tenantID] = tf
	}
	tf.subs[ch] = struct{}{}
	h.mu.Unlock()
	unsubscribe := func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(tf.subs, ch)
		if len(tf.subs) == 0 && h.tenants[tenantID] == tf {
			delete(h.tenants, tenantID)
		}
	}
	tf.read.Lock()
	defer tf.read.Unlock()
	// Taken before reading the end, so an event committed meanwhile makes
	// the next read go to the database.
	began := tf.wakes.Load()
	last, err := end()
	if err != nil {
		unsubscribe()
		return nil, 0, err
	}
	if tf.readTo < 0 { // the tenant's first listener
		tf.readWakes, tf.readTo = began, last
	}
	return &Subscription{tenant: tf, Wake: ch, close: unsubscribe}, last, nil
}

// Close stops the subscription's wake-ups.
func (s *Subscription) Close() { s.close() }

// Wake signals every listener of the tenant, or of every tenant when
// tenantID is "".
func (h *Hub) Wake(tenantID string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for t, tf := range h.tenants {
		if tenantID != "" && t != tenantID {
			continue
		}
		tf.wakes.Add(1)
		for ch := range tf.subs {
			select {
			case ch <- struct{}{}:
			default: // already signalled
			}
		}
	}
}

// After returns up to Batch events with seq > cursor, oldest first. It
// reads the database only when the feed may have grown since the last read
// — for every listener of the tenant at once — or when cursor is older than
// the events kept.
func (s *Subscription) After(cursor int64, load Load) ([]reach.CallEvent, error) {
	tf := s.tenant
	tf.read.Lock()
	// Read until caught up, or until there is something past cursor: a
	// backlog of full batches must not leave a live stream waiting for a
	// wake-up that was already spent.
	for began := tf.wakes.Load(); began != tf.readWakes && tf.readTo <= cursor; began = tf.wakes.Load() {
		events, err := load(tf.readTo)
		if err != nil {
			tf.read.Unlock()
			return nil, err
		}
		tf.readAt = time.Now()
		if len(events) > 0 {
			tf.readTo = events[len(events)-1].Seq
			tf.recent = append(tf.recent, events...)
			if n := len(tf.recent); n > recentEvents {
				tf.recent = append([]reach.CallEvent(nil), tf.recent[n-recentEvents:]...)
			}
		}
		if len(events) < Batch { // caught up; a full batch means read on
			tf.readWakes = began
		}
	}
	if len(tf.recent) == 0 || cursor+1 < tf.recent[0].Seq {
		behind := cursor < tf.readTo
		tf.read.Unlock()
		if !behind {
			return nil, nil
		}
		return load(cursor) // a client resuming from before what is kept
	}
	defer tf.read.Unlock()
	var out []reach.CallEvent
	for _, e := range tf.recent {
		if e.Seq > cursor && len(out) < Batch {
			out = append(out, e)
		}
	}
	return out, nil
}

// RefreshIfStale makes the next read go to the database when none has for
// idle: the fallback should a wake-up ever be lost (a NOTIFY sent while
// this instance's listener was reconnecting is caught by the reconnect,
// but nothing else should depend on that).
func (s *Subscription) RefreshIfStale(idle time.Duration) {
	tf := s.tenant
	tf.read.Lock()
	defer tf.read.Unlock()
	if time.Since(tf.readAt) >= idle {
		tf.wakes.Add(1)
	}
}
