package ratelimit

import (
	"fmt"
	"testing"
	"time"
)

func TestABurstThenOnePerInterval(t *testing.T) {
	l := New(time.Minute, 3)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if !l.Allow("sam@example.com", now) {
			t.Fatalf("attempt %d of the burst refused", i+1)
		}
	}
	if l.Allow("sam@example.com", now) {
		t.Fatal("a fourth attempt at once was allowed")
	}
	if !l.Allow("other@example.com", now) {
		t.Fatal("another key was refused")
	}
	if l.Allow("sam@example.com", now.Add(30*time.Second)) {
		t.Fatal("allowed before the interval passed")
	}
	if !l.Allow("sam@example.com", now.Add(61*time.Second)) {
		t.Fatal("refused after the interval")
	}
}

func TestKeysThatRefilledAreForgotten(t *testing.T) {
	l := New(time.Second, 1)
	now := time.Now()
	for i := range pruneAbove {
		l.Allow(fmt.Sprint(i), now)
	}
	l.Allow("one more", now.Add(time.Hour))
	if n := len(l.buckets); n != 1 {
		t.Errorf("%d buckets kept, want only the new key's", n)
	}
}

// TestSpentTakesNothing: checking a bucket leaves it as it was.
func TestSpentTakesNothing(t *testing.T) {
	l := New(time.Minute, 2)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for range 5 {
		if l.Spent("sam", now) {
			t.Fatal("an untouched bucket is spent")
		}
	}
	l.Allow("sam", now)
	l.Allow("sam", now)
	if !l.Spent("sam", now) || l.Spent("sam", now.Add(61*time.Second)) {
		t.Error("Spent does not follow the bucket")
	}
}
