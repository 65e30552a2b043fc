package feedhub

import (
	"sync"
	"testing"
	"time"

	"reach"
)

// feed stands in for a tenant's feed table: events are appended (a commit)
// and read by seq, and reads are counted.
type feed struct {
	mu     sync.Mutex
	events []reach.CallEvent
	loads  int
}

func (f *feed) commit(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.events = append(f.events, reach.CallEvent{Seq: int64(len(f.events) + 1)})
	}
}

func (f *feed) end() (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return int64(len(f.events)), nil
}

func (f *feed) load(after int64) ([]reach.CallEvent, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.loads++
	var out []reach.CallEvent
	for _, e := range f.events {
		if e.Seq > after && len(out) < Batch {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f *feed) loadCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.loads
}

func seqs(events []reach.CallEvent) (first, last int64, n int) {
	if len(events) == 0 {
		return 0, 0, 0
	}
	return events[0].Seq, events[len(events)-1].Seq, len(events)
}

// TestOneReadServesEveryListener: a call popping on many agents' screens is
// read from the database once, and each listener gets it.
func TestOneReadServesEveryListener(t *testing.T) {
	var h Hub
	f := &feed{}
	f.commit(3)
	subs := make([]*Subscription, 50)
	for i := range subs {
		s, end, err := h.Subscribe("t1", f.end)
		if err != nil || end != 3 {
			t.Fatalf("subscribe: end %d, %v", end, err)
		}
		defer s.Close()
		subs[i] = s
	}
	f.commit(1)
	h.Wake("t1")
	for i, s := range subs {
		select {
		case <-s.Wake:
		default:
			t.Fatalf("listener %d was not woken", i)
		}
		got, err := s.After(3, f.load)
		if first, last, n := seqs(got); err != nil || n != 1 || first != 4 || last != 4 {
			t.Fatalf("listener %d got %d events (%d..%d), %v; want event 4", i, n, first, last, err)
		}
	}
	if n := f.loadCount(); n != 1 {
		t.Errorf("50 listeners read the feed %d times, want once", n)
	}
	// Nothing new: no read at all.
	if got, _ := subs[0].After(4, f.load); len(got) != 0 || f.loadCount() != 1 {
		t.Errorf("a caught-up listener got %d events after %d reads", len(got), f.loadCount())
	}
}

// TestWakeIsPerTenant: another tenant's call wakes no one here, and Wake("")
// wakes every tenant (a reconnected database listener, which may have
// missed some).
func TestWakeIsPerTenant(t *testing.T) {
	var h Hub
	f := &feed{}
	a, _, _ := h.Subscribe("a", f.end)
	defer a.Close()
	b, _, _ := h.Subscribe("b", f.end)
	defer b.Close()
	h.Wake("b")
	select {
	case <-a.Wake:
		t.Fatal("tenant a was woken by tenant b's event")
	default:
	}
	<-b.Wake
	h.Wake("")
	<-a.Wake
	<-b.Wake
}

// TestAnEventCommittedWhileSubscribingIsNotMissed: a listener that joins
// after a commit but before its wake-up still reads the event, from the end
// it was given.
func TestAnEventCommittedWhileSubscribingIsNotMissed(t *testing.T) {
	var h Hub
	f := &feed{}
	first, _, _ := h.Subscribe("t", f.end) // the hub has read up to 0
	defer first.Close()
	f.commit(1) // committed; its wake-up not yet sent
	late, end, _ := h.Subscribe("t", f.end)
	defer late.Close()
	h.Wake("t")
	got, _ := late.After(end, f.load)
	if len(got) != 0 {
		t.Errorf("the late listener, told the feed ends at %d, got %d events again", end, len(got))
	}
	got, _ = first.After(0, f.load)
	if _, last, n := seqs(got); n != 1 || last != 1 {
		t.Errorf("the first listener got %d events, want event 1", n)
	}
}

// TestABacklogIsReadThrough: more than a batch committed at once is read
// batch by batch without waiting for another wake-up.
func TestABacklogIsReadThrough(t *testing.T) {
	var h Hub
	f := &feed{}
	s, _, _ := h.Subscribe("t", f.end)
	defer s.Close()
	f.commit(Batch*2 + 5)
	h.Wake("t")
	var cursor int64
	for cursor < Batch*2+5 {
		got, err := s.After(cursor, f.load)
		if err != nil || len(got) == 0 {
			t.Fatalf("stalled at %d with %d events left: %v", cursor, Batch*2+5-cursor, err)
		}
		if got[0].Seq != cursor+1 {
			t.Fatalf("after %d came %d", cursor, got[0].Seq)
		}
		_, cursor, _ = seqs(got)
	}
}

// TestAResumeFromBeforeWhatIsKeptReadsTheDatabase: a client reconnecting
// with an old Last-Event-ID gets what it missed, even past the hub's memory.
func TestAResumeFromBeforeWhatIsKeptReadsTheDatabase(t *testing.T) {
	var h Hub
	f := &feed{}
	s, _, _ := h.Subscribe("t", f.end)
	defer s.Close()
	for range 3 {
		f.commit(recentEvents)
		h.Wake("t")
		for cursor := int64(len(f.events) - recentEvents); ; {
			got, _ := s.After(cursor, f.load)
			if len(got) == 0 {
				break
			}
			_, cursor, _ = seqs(got)
		}
	}
	got, err := s.After(10, f.load)
	if first, _, n := seqs(got); err != nil || n != Batch || first != 11 {
		t.Errorf("resuming after 10 got %d events from %d, %v; want %d from 11", n, first, err, Batch)
	}
}

// TestRefreshIfStaleReadsWithoutAWakeUp: should a wake-up be lost, an idle
// feed is read again anyway.
func TestRefreshIfStaleReadsWithoutAWakeUp(t *testing.T) {
	var h Hub
	f := &feed{}
	s, _, _ := h.Subscribe("t", f.end)
	defer s.Close()
	f.commit(1) // and its wake-up is lost
	if got, _ := s.After(0, f.load); len(got) != 0 {
		t.Fatal("read without a wake-up: the test's premise is wrong")
	}
	s.RefreshIfStale(time.Hour) // no read for an hour (none ever)
	if got, _ := s.After(0, f.load); len(got) != 1 {
		t.Errorf("a stale feed was not read again: %d events", len(got))
	}
	loads := f.loadCount()
	s.RefreshIfStale(time.Hour) // just read: not stale
	s.After(1, f.load)
	if f.loadCount() != loads {
		t.Error("a fresh feed was read again without a wake-up")
	}
}
