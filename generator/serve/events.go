package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Names of the events sent to pages (see the package documentation).
const (
	EventHello  = "hello"
	EventReload = "reload"
	EventCSS    = "css"
	EventError  = "error"
	EventOK     = "ok"
)

// Message is the JSON data of every event, and the body of /_folio/status.
type Message struct {
	// Build identifies the snapshot being served.
	Build string `json:"build"`
	// Problems are the diagnostics of the last build, one "file:line:col:
	// message — hint" line each, when it failed; empty when it succeeded.
	Problems []string `json:"problems"`
	// Errors and Warnings count Problems by severity; after a load that
	// succeeded, Warnings counts its warnings, which the terminal prints
	// and no page shows (Problems stays empty: the pages show no panel).
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

type event struct {
	name string
	msg  Message
}

// hub fans events out to the open event streams. Each subscriber holds at
// most one pending event: a page only needs to know the latest state, so a
// slow reader gets the newest event, merged with the one it missed, never
// a growing queue.
type hub struct {
	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	closed bool
	done   chan struct{} // closed by close: streams end
}

type subscriber struct {
	wake    chan struct{} // capacity 1
	pending *event        // guarded by hub.mu
}

func newHub() *hub {
	return &hub{subs: map[*subscriber]struct{}{}, done: make(chan struct{})}
}

func (h *hub) subscribe() (*subscriber, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	s := &subscriber{wake: make(chan struct{}, 1)}
	h.subs[s] = struct{}{}
	return s, true
}

func (h *hub) unsubscribe(s *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, s)
}

func (h *hub) publish(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.pending = merge(s.pending, ev)
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

// merge returns the event to send when next arrives before prev was sent.
// A stylesheet swap after a pending reload must still reload; anything else
// supersedes what came before (a page whose build is older than the
// event's reloads anyway).
func merge(prev *event, next event) *event {
	if prev != nil && next.name == EventCSS && (prev.name == EventReload || prev.name == EventOK) {
		next.name = prev.name
	}
	if prev != nil && next.name == EventReload && prev.name == EventOK {
		next.name = EventOK
	}
	return &next
}

func (h *hub) take(s *subscriber) *event {
	h.mu.Lock()
	defer h.mu.Unlock()
	ev := s.pending
	s.pending = nil
	return ev
}

// close ends every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// keepalive is how often an idle stream gets a comment, so that proxies and
// the browser keep it open and a dead client is noticed.
const keepalive = 15 * time.Second

// serveEvents streams events to one page until the page goes away or the
// server stops. The first event, hello, holds the current state.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	sub, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(sub)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)

	// retry: how long EventSource waits before reconnecting.
	fmt.Fprint(w, "retry: 1000\n\n")
	if writeEvent(w, event{EventHello, s.current().message()}) != nil || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepalive)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.hub.done:
			return
		case <-tick.C:
			_, err = fmt.Fprint(w, ": keepalive\n\n")
		case <-sub.wake:
			if ev := s.hub.take(sub); ev != nil {
				err = writeEvent(w, *ev)
			}
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return // the client went away
		}
	}
}

func writeEvent(w http.ResponseWriter, ev event) error {
	data, err := json.Marshal(ev.msg) // one line: JSON escapes newlines
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, data)
	return err
}

// serveStatus answers /_folio/status with the current Message.
func (s *Server) serveStatus(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(s.current().message())
}
