package loadgen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Op is one kind of request the generator makes.
type Op string

// The operations of the office's mix.
const (
	OpPreview Op = "preview" // POST /api/v1/items/preview: an enrollment decided, nothing written
	OpSubmit  Op = "submit"  // POST /api/v1/items with a fresh Idempotency-Key: a durable item
	OpItems   Op = "items"   // GET /api/v1/items: the unit's latest items
	OpBill    Op = "bill"    // GET /api/v1/bill: the unit's amount due this period
	OpPage    Op = "page"    // GET of the baseline's bare template page
)

var knownOps = []Op{OpPreview, OpSubmit, OpItems, OpBill}

// DefaultMix is the office's mix: 50% preview, 20% submit, 20% items
// list, 10% bill.
const DefaultMix = "preview=50,submit=20,items=20,bill=10"

// Mix is a weighted choice of operations.
type Mix struct {
	ops     []Op
	weights []int
	total   int
}

// ParseMix reads "op=weight,…" (weights are relative integers).
func ParseMix(s string) (Mix, error) {
	var m Mix
	for _, part := range strings.Split(s, ",") {
		name, w, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(w)
		if !ok || err != nil || n < 0 {
			return Mix{}, fmt.Errorf("mix: %q is not op=weight", part)
		}
		op := Op(name)
		if !known(op) {
			return Mix{}, fmt.Errorf("mix: unknown operation %q (known: preview, submit, items, bill)", name)
		}
		if n > 0 {
			m.ops, m.weights, m.total = append(m.ops, op), append(m.weights, n), m.total+n
		}
	}
	if m.total == 0 {
		return Mix{}, fmt.Errorf("mix: no operation has a weight")
	}
	return m, nil
}

func known(op Op) bool {
	for _, k := range knownOps {
		if k == op {
			return true
		}
	}
	return false
}

// pick draws an operation.
func (m Mix) pick(r *rand.Rand) Op {
	n := r.IntN(m.total)
	for i, w := range m.weights {
		if n < w {
			return m.ops[i]
		}
		n -= w
	}
	return m.ops[len(m.ops)-1]
}

// Ops returns the operations with a weight, in the mix's order.
func (m Mix) Ops() []Op { return m.ops }
