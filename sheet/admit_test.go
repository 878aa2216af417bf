package sheet

import (
	"context"
	"testing"
	"time"

	"shebao"
)

// TestAdmission: a full admission makes requests wait; one whose client
// leaves gives up, one that waits too long is refused as busy, and one
// that waits while a place is given back gets it.
func TestAdmission(t *testing.T) {
	a := NewAdmission(2, time.Hour)
	var leaves []func()
	for range 2 {
		leave, err := a.Enter(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		leaves = append(leaves, leave)
	}

	ctx, cancel := context.WithCancel(t.Context())
	gone := make(chan error)
	go func() {
		_, err := a.Enter(ctx)
		gone <- err
	}()
	for _, w := a.Load(); w != 1; _, w = a.Load() {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-gone; shebao.ErrorCode(err) != shebao.EUNAVAILABLE || shebao.AsError(err).Reason != ReasonBusy {
		t.Fatalf("a waiter whose client left: %v", err)
	}

	next := make(chan func())
	go func() {
		leave, err := a.Enter(t.Context())
		if err != nil {
			t.Error(err)
		}
		next <- leave
	}()
	for _, w := a.Load(); w != 1; _, w = a.Load() {
		time.Sleep(time.Millisecond)
	}
	leaves[0]()
	(<-next)()
	leaves[1]()
	if n, w := a.Load(); n != 0 || w != 0 {
		t.Fatalf("after everyone left: %d admitted, %d waiting", n, w)
	}

	short := NewAdmission(1, time.Millisecond)
	leave, err := short.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer leave()
	if _, err := short.Enter(t.Context()); shebao.AsError(err).Reason != ReasonBusy {
		t.Fatalf("a waiter past the wait: %v", err)
	}
}
