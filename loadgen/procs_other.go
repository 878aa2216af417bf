//go:build !linux

package loadgen

import (
	"errors"
	"regexp"
	"time"
)

// The CPU figures need Linux's getrusage and /proc: elsewhere they are
// unknown.

func selfCPU() (time.Duration, bool) { return 0, false }

type procSampler struct{}

type procResult struct {
	cpu          time.Duration
	seen, exited int
	self         time.Duration
}

func startProcSampler(*regexp.Regexp) (*procSampler, error) {
	return nil, errors.New("processes are counted on Linux only")
}

func (*procSampler) stop() procResult { return procResult{} }
