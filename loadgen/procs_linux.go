package loadgen

import (
	"bytes"
	"maps"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"syscall"
	"time"
)

// procPoll is how often the process sampler reads /proc during a run.
const procPoll = 100 * time.Millisecond

// selfCPU is this process's user and system CPU time so far.
func selfCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return rusageTime(ru), true
}

// threadCPU is the calling thread's CPU time so far (RUSAGE_THREAD).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(1, &ru) != nil { // RUSAGE_THREAD
		return 0
	}
	return rusageTime(ru)
}

func rusageTime(ru syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procSampler follows the CPU of the processes whose command line matches
// a pattern, on a thread of its own (whose CPU it measures, so that the
// load generator's figure leaves it out).
type procSampler struct {
	re   *regexp.Regexp
	self int
	// procs are the matched processes by pid; skip the pids whose command
	// line did not match, each with the polls left to look again (a
	// process just forked may not have its own command line yet: a
	// PostgreSQL backend sets its title after the fork).
	procs map[int]*proc
	ended []*proc // processes whose pid was reused during the run
	skip  map[int]int
	first bool // the first poll: what it sees was there before the run
	now   chan chan struct{}
	done  chan struct{}
	out   chan procResult
}

// proc is one matched process: its start time (to tell a reused pid), its
// CPU when first seen during the run (0 when it started during the run)
// and at its last sample.
type proc struct {
	start      string
	base, last time.Duration
	alive      bool
}

type procResult struct {
	cpu          time.Duration
	seen, exited int
	self         time.Duration
}

// startProcSampler samples once (the run's start), then every procPoll
// until stop.
func startProcSampler(re *regexp.Regexp) (*procSampler, error) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		return nil, err
	}
	s := &procSampler{re: re, self: os.Getpid(), procs: map[int]*proc{}, skip: map[int]int{},
		first: true, now: make(chan chan struct{}), done: make(chan struct{}), out: make(chan procResult, 1)}
	ready := make(chan struct{})
	go func() {
		runtime.LockOSThread() // its CPU is its thread's: left out of the load generator's
		defer runtime.UnlockOSThread()
		t0 := threadCPU()
		s.poll()
		s.first = false
		close(ready)
		tick := time.NewTicker(procPoll)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				s.poll()
			case polled := <-s.now:
				s.poll()
				close(polled)
			case <-s.done:
				s.poll()
				r := s.result()
				r.self = threadCPU() - t0
				s.out <- r
				return
			}
		}
	}()
	<-ready
	return s, nil
}

// sample polls now, and returns when it has.
func (s *procSampler) sample() {
	polled := make(chan struct{})
	s.now <- polled
	<-polled
}

// stop samples a last time and returns the matched processes' CPU.
func (s *procSampler) stop() procResult {
	close(s.done)
	return <-s.out
}

func (s *procSampler) result() procResult {
	var r procResult
	for _, p := range append(slices.Collect(maps.Values(s.procs)), s.ended...) {
		r.cpu += p.last - p.base
		r.seen++
		if !p.alive {
			r.exited++
		}
	}
	return r
}

// poll reads every process once: a matched one's CPU, and a new one's
// command line.
func (s *procSampler) poll() {
	d, err := os.Open("/proc")
	if err != nil {
		return
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	for _, p := range s.procs {
		p.alive = false
	}
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil || pid == s.self {
			continue
		}
		if p, ok := s.procs[pid]; ok {
			start, cpu, ok := readStat(pid)
			if ok && start == p.start {
				p.last, p.alive = cpu, true
				continue
			}
			if !ok {
				continue // it exited since the directory was read
			}
			delete(s.procs, pid) // the pid was reused: the old process ended
			s.ended = append(s.ended, p)
		}
		if left, ok := s.skip[pid]; ok && left == 0 {
			continue
		}
		if s.matches(pid) {
			delete(s.skip, pid)
			start, cpu, ok := readStat(pid)
			if !ok {
				continue
			}
			p := &proc{start: start, last: cpu, alive: true}
			if s.first {
				p.base = cpu
			}
			s.procs[pid] = p
			continue
		}
		if left, ok := s.skip[pid]; ok {
			s.skip[pid] = left - 1
		} else if s.first {
			s.skip[pid] = 0
		} else {
			s.skip[pid] = 5
		}
	}
}

// matches reports whether pid's command line (its arguments joined by
// spaces; its name when it has none) matches the pattern.
func (s *procSampler) matches(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil {
		return false
	}
	b = bytes.TrimRight(b, "\x00")
	if len(b) == 0 {
		if b, err = os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm"); err != nil {
			return false
		}
		b = bytes.TrimSpace(b)
	}
	return s.re.Match(bytes.ReplaceAll(b, []byte{0}, []byte{' '}))
}

// readStat reads a process's start time (as /proc gives it) and its user
// plus system CPU time.
func readStat(pid int) (start string, cpu time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return "", 0, false
	}
	i := bytes.LastIndexByte(b, ')') // the name may hold spaces and parentheses
	if i < 0 {
		return "", 0, false
	}
	f := bytes.Fields(b[i+1:]) // f[0] is field 3 (state)
	if len(f) < 20 {
		return "", 0, false
	}
	utime, err1 := strconv.ParseInt(string(f[11]), 10, 64) // field 14
	stime, err2 := strconv.ParseInt(string(f[12]), 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return "", 0, false
	}
	return string(f[19]), time.Duration(utime+stime) * clockTick, true // field 22: starttime
}
