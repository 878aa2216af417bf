package app

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestIdleConnsMakeRoom: with every connection of the limit held by a
// client keeping it alive, another client is still answered: once the
// server is crowded it stops keeping connections alive.
func TestIdleConnsMakeRoom(t *testing.T) {
	const n = 4
	srv := &http.Server{
		Handler:     http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }),
		IdleTimeout: time.Hour, // idle connections would hold their place all along
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(limitConns(srv, ln, n))
	defer srv.Close()

	get := func(c *http.Client) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute) // a guard, not a measure
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+ln.Addr().String()+"/", nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	for range n + 2 { // browsers that keep their connection
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		get(&http.Client{Transport: tr})
	}
}
