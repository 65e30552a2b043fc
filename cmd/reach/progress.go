package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress reports a long job's count of done items against a total: a bar
// with rate and time left when w is a terminal, and otherwise (a log, a
// pipe, CI) a plain line every progressEvery and one at the end, which
// reads well in a file where a redrawn bar would not.
type progress struct {
	w         io.Writer
	verb      string // what is being done: "seeding"
	unit      string // what is counted: "customers"
	total     int
	done      int
	bar       *progressbar.ProgressBar
	start     time.Time
	lastPrint time.Time
}

const progressEvery = 2 * time.Second

func newProgress(w io.Writer, verb, unit string, total int) *progress {
	p := &progress{w: w, verb: verb, unit: unit, total: total, start: time.Now()}
	p.lastPrint = p.start
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(verb),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString(unit),
			progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }))
	}
	return p
}

// add counts n more items done.
func (p *progress) add(n int) {
	p.done += n
	if p.bar != nil {
		_ = p.bar.Add(n)
		return
	}
	if now := time.Now(); now.Sub(p.lastPrint) >= progressEvery || p.done == p.total {
		p.lastPrint = now
		fmt.Fprintf(p.w, "%s %d/%d %s (%.0f/s)\n", p.verb, p.done, p.total, p.unit, float64(p.done)/now.Sub(p.start).Seconds())
	}
}

// stop ends the bar where the job stopped, finished or not.
func (p *progress) stop() {
	if p.bar != nil && !p.bar.IsFinished() {
		_ = p.bar.Exit()
		fmt.Fprintln(p.w)
	}
}
