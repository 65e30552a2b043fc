package app

import (
	"sync"
	"sync/atomic"
	"time"

	"reach"
)

// feedHub holds, per tenant with open call feeds on this instance, who to
// wake when the tenant's feed grows and the events read most recently, so
// that a call popping on three hundred agents' screens is read from the
// database once, not three hundred times.
//
// A wake-up carries no data: the feed table is the one source of truth,
// which is what lets a client resume and lets a missed or doubled wake-up
// cost nothing but a query.
type feedHub struct {
	mu      sync.Mutex
	tenants map[string]*tenantFeed
}

// recentEvents is how many of a tenant's latest events the hub keeps.
const recentEvents = 256

// tenantFeed is one tenant's part of the hub.
type tenantFeed struct {
	subs map[chan struct{}]struct{} // guarded by feedHub.mu
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

// subscribe adds a listener for the tenant and returns where the feed
// ends, read by last once the listener is in place.
func (h *feedHub) subscribe(tenantID string, last func() (int64, error)) (*tenantFeed, chan struct{}, func(), int64, error) {
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
	end, err := last()
	if err != nil {
		unsubscribe()
		return nil, nil, nil, 0, err
	}
	if tf.readTo < 0 { // the tenant's first listener
		tf.readWakes, tf.readTo = began, end
	}
	return tf, ch, unsubscribe, end, nil
}

// wake signals every listener of the tenant, or of every tenant when
// tenantID is "".
func (h *feedHub) wake(tenantID string) {
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

// after returns up to feedBatch events with seq > cursor, oldest first.
// It reads the database only when the feed may have grown since the last
// read — for every listener of the tenant at once — or when cursor is
// older than the events kept.
func (tf *tenantFeed) after(cursor int64, load func(after int64) ([]reach.CallEvent, error)) ([]reach.CallEvent, error) {
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
		if len(events) < feedBatch { // caught up; a full batch means read on
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
		if e.Seq > cursor && len(out) < feedBatch {
			out = append(out, e)
		}
	}
	return out, nil
}

// refreshIfStale makes the next read go to the database when none has for
// idle: the fallback should a wake-up ever be lost (a NOTIFY sent while
// this instance's listener was reconnecting is caught by the reconnect,
// but nothing else should depend on that).
func (tf *tenantFeed) refreshIfStale(idle time.Duration) {
	tf.read.Lock()
	defer tf.read.Unlock()
	if time.Since(tf.readAt) >= idle {
		tf.wakes.Add(1)
	}
}
