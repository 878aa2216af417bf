package sheet

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"shebao"
)

// MaxAdmitted is how many upload requests a server holds at once, by
// default: MaxHeavy being read and as many with their file in hand,
// waiting for a slot. AdmitWait is how long a request waits for its turn
// before it is refused with ReasonBusy. docs/SECURITY.md, "Uploads and
// input".
const (
	MaxAdmitted = 2 * MaxHeavy
	AdmitWait   = 20 * time.Second
)

// RetryAfter is the Retry-After header (seconds) of a request refused
// with ReasonBusy.
const RetryAfter = "30"

// Admission bounds the upload requests of a server: a request enters
// before its body is read and leaves when it is answered, so that at most
// n files (and what reading them holds) are in memory at once, however
// many operators upload together. A request waits for its turn; it gives
// up when its client leaves, and is refused after the wait. Admission is
// taken before Open's and ReadCSV's slot and never inside them, so the two
// cannot deadlock.
type Admission struct {
	places  chan struct{}
	wait    time.Duration
	waiting atomic.Int64
}

// NewAdmission returns an admission of n places (MaxAdmitted when 0) whose
// requests wait at most wait (AdmitWait when 0).
func NewAdmission(n int, wait time.Duration) *Admission {
	if n <= 0 {
		n = MaxAdmitted
	}
	if wait <= 0 {
		wait = AdmitWait
	}
	return &Admission{places: make(chan struct{}, n), wait: wait}
}

// Enter waits for a place, at most the admission's wait and while ctx
// lives, and returns the function that gives it back (call it once the
// request is answered). Waiting too long, or for a client that left, is
// EUNAVAILABLE with ReasonBusy.
func (a *Admission) Enter(ctx context.Context) (leave func(), err error) {
	select {
	case a.places <- struct{}{}:
		return a.leave, nil
	default:
	}
	a.waiting.Add(1)
	defer a.waiting.Add(-1)
	t := time.NewTimer(a.wait)
	defer t.Stop()
	select {
	case a.places <- struct{}{}:
		return a.leave, nil
	case <-ctx.Done():
		return nil, Busy(ctx.Err())
	case <-t.C:
		return nil, Busy(errors.New("sheet: no upload place within " + a.wait.String()))
	}
}

func (a *Admission) leave() { <-a.places }

// Load reports the requests admitted and those waiting, for the metrics
// and the tests.
func (a *Admission) Load() (admitted, waiting int) {
	return len(a.places), int(a.waiting.Load())
}

// Busy is the error of an upload refused because the server is reading
// others: EUNAVAILABLE, ReasonBusy; cause goes to the log only.
func Busy(cause error) error {
	return &shebao.Error{Code: shebao.EUNAVAILABLE, Reason: ReasonBusy, Err: cause}
}
