package devserver

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// An Event is one Server-Sent Event: its name and its data, a line of JSON.
type Event struct {
	Name string
	Data []byte
}

// A Hub sends events to the browsers connected to its event stream. The zero value is not
// ready: use NewHub.
type Hub struct {
	mu       sync.Mutex
	clients  map[chan Event]bool
	greeting []Event // what a browser is sent first when it connects
	closed   bool
	done     chan struct{} // closed by Close
}

// clientBuffer is how many events a browser may be behind before it is disconnected (it then
// reconnects and, greeted with a newer build, reloads).
const clientBuffer = 16

// NewHub returns a hub with no browser connected.
func NewHub() *Hub {
	return &Hub{clients: make(map[chan Event]bool), done: make(chan struct{})}
}

// Publish sends e to every connected browser (none when e.Name is ""), and makes greeting
// what each browser that connects from now on is sent first.
func (h *Hub) Publish(e Event, greeting ...Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.greeting = greeting
	if e.Name == "" {
		return
	}
	for c := range h.clients {
		select {
		case c <- e:
		default: // too far behind
			delete(h.clients, c)
			close(c)
		}
	}
}

// Clients returns the number of browsers connected.
func (h *Hub) Clients() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Close ends every event stream and refuses new ones.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	close(h.done)
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

func (h *Hub) subscribe() (chan Event, []Event, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, nil, false
	}
	c := make(chan Event, clientBuffer)
	h.clients[c] = true
	return c, h.greeting, true
}

func (h *Hub) unsubscribe(c chan Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[c] {
		delete(h.clients, c)
		close(c)
	}
}

// keepAlive is how often an idle stream gets a comment, so that a dead connection is noticed.
const keepAlive = 20 * time.Second

// ServeHTTP serves the event stream: the greeting, then every event published, until the
// browser goes away or the hub is closed.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "only GET", http.StatusMethodNotAllowed)
		return
	}
	rc := http.NewResponseController(w)
	c, greeting, ok := h.subscribe()
	if !ok {
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(c)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n") // reconnect quickly when the server comes back
	for _, e := range greeting {
		writeEvent(w, e)
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case e, ok := <-c:
			if !ok {
				return
			}
			writeEvent(w, e)
		case <-tick.C:
			fmt.Fprint(w, ": still here\n\n")
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// writeEvent writes e in the event stream format. Its data is one line of JSON.
func writeEvent(w http.ResponseWriter, e Event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Name, e.Data)
}
