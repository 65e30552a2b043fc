// Package ratelimit limits how often each key — an account, an address —
// may do something, on this instance: a token bucket per key that refills
// at one token per interval up to burst.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter holds a bucket for each key seen recently.
type Limiter struct {
	every time.Duration
	burst int

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

// New returns a limiter allowing burst at once per key, then one per every.
func New(every time.Duration, burst int) *Limiter {
	return &Limiter{every: every, burst: burst, buckets: map[string]*rate.Limiter{}}
}

// pruneAbove is how many keys the limiter holds before it forgets the ones
// whose buckets have refilled (they would allow a burst anyway).
const pruneAbove = 10000

// Allow takes a token from key's bucket at now, reporting whether there was one.
func (l *Limiter) Allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.bucket(key, now).AllowN(now, 1)
}

// Spent reports whether key's bucket is empty at now, taking nothing: for
// limits that count only what went wrong, checked before and paid (Allow)
// after.
func (l *Limiter) Spent(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	return ok && b.TokensAt(now) < 1
}

func (l *Limiter) bucket(key string, now time.Time) *rate.Limiter {
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= pruneAbove {
			l.prune(now)
		}
		b = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.buckets[key] = b
	}
	return b
}

func (l *Limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, k)
		}
	}
}
