package app

import (
	"net"
	"net/http"
	"sync/atomic"

	"golang.org/x/net/netutil"
)

// limitConns bounds the connections srv holds open at once to n: the
// listener it returns accepts no more until one closes (the others wait in
// the kernel's backlog), so a flood of connections cannot exhaust memory
// or file descriptors. So that idle keep-alive connections do not keep the
// busy ones out, once nine tenths of n are open srv stops keeping
// connections alive (it closes the idle ones, and each other after its
// answer: the client opens a new one for its next request, as after
// IdleTimeout); below three quarters it keeps them alive again.
// docs/SECURITY.md, "Request bodies and connections".
func limitConns(srv *http.Server, ln net.Listener, n int) net.Listener {
	var open atomic.Int64
	var crowded atomic.Bool
	high, low := int64(max(1, n*9/10)), int64(n*3/4)
	srv.ConnState = func(_ net.Conn, s http.ConnState) {
		var now int64
		switch s {
		case http.StateNew:
			now = open.Add(1)
		case http.StateClosed, http.StateHijacked:
			now = open.Add(-1)
		default:
			return
		}
		switch {
		case now >= high && crowded.CompareAndSwap(false, true):
			srv.SetKeepAlivesEnabled(false)
		case now < low && crowded.CompareAndSwap(true, false):
			srv.SetKeepAlivesEnabled(true)
		}
	}
	return netutil.LimitListener(ln, n)
}
