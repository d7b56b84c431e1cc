package e2e_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// pageProblems collects, from a tab's events, what a reader's browser
// would report as wrong with the page it shows: console errors, uncaught
// exceptions, requests that failed or answered 400 or more.
type pageProblems struct {
	mu       sync.Mutex
	requests map[network.RequestID]string
	list     []string
}

// listen is a chromedp listener: it runs in the tab's event loop, in the
// order events arrive, so everything a page did before a command's reply
// is recorded when the command returns.
func (p *pageProblems) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if p.requests == nil {
			p.requests = map[network.RequestID]string{}
		}
		p.requests[ev.RequestID] = ev.Request.URL
	case *network.EventLoadingFailed:
		if ev.Canceled {
			return // the page navigated away; nothing failed
		}
		p.add("request failed: %s: %s", p.requests[ev.RequestID], ev.ErrorText)
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p.add("HTTP %d: %s", ev.Response.Status, ev.Response.URL)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				var str string
				switch {
				case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal(a.Value, &str) == nil:
					args = append(args, str)
				case a.Value != nil:
					args = append(args, string(a.Value))
				default:
					args = append(args, a.Description)
				}
			}
			p.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.add("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p.add("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
}

func (p *pageProblems) add(format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

// take returns the problems recorded so far and forgets them.
func (p *pageProblems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.list
	p.list = nil
	return l
}

// TestPagesLoadCleanly visits every page of the sample site, one after
// the other in one tab, and fails for any console error, uncaught
// exception or failed request.
func TestPagesLoadCleanly(t *testing.T) {
	t.Parallel()
	s := sampleDistrict(t)
	if len(s.Pages) < 100 {
		t.Fatalf("the sample site has %d pages; expected over 100", len(s.Pages))
	}
	var problems pageProblems
	ctx := newTab(t, 3*time.Minute, chromedp.WithListener(problems.listen))
	for _, page := range s.Pages {
		url := s.PageURL(page)
		if visit(t, ctx, url) {
			// A round trip to the page: every event sent before it has
			// been recorded when it returns.
			eval[bool](t, ctx, "true")
		}
		for _, p := range problems.take() {
			t.Errorf("%s: %s", url, p)
		}
	}
	t.Logf("%d pages visited", len(s.Pages))
}
