package sqldb

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestDecodeListAsJSON: decodeList reads every text as json.Unmarshal
// reads it (an empty list as nil), by its plain path (plainList) or not:
// the lists encodeList writes of strings of any bytes, and texts it never
// writes (spaces, escapes, bad UTF-8, control characters, not a list).
func TestDecodeListAsJSON(t *testing.T) {
	texts := []string{`[""]`, `["",""]`, `["a"]`, `["a","b"]`, `["a", "b"]`, ` ["a"]`, `["a"] `,
		`["a\"b"]`, `["a\\b"]`, `["\u003c"]`, "[\"a\tb\"]", "[\"\xff\"]", `["a"],["b"]`, `["a","b",]`,
		`["a",1]`, `[1]`, `["`, `"]`, `["]`, `[]`, `null`, `["社保","补缴"]`, "[\"\u2028\"]", `["a""b"]`}
	pieces := []string{"", "a", "A_B", ",", `"`, `\`, `","`, "\x00", "\x1f", "\x7f", "\xff", "\u2028", "<&>", "社", " "}
	r := rand.New(rand.NewPCG(11, 12))
	for range 2000 {
		list := make([]string, r.IntN(4))
		for i := range list {
			for range r.IntN(4) {
				list[i] += pieces[r.IntN(len(pieces))]
			}
		}
		texts = append(texts, encodeList(list))
	}
	for _, text := range texts {
		got, err := decodeList(text)
		var want []string
		werr := json.Unmarshal([]byte(text), &want)
		if len(want) == 0 {
			want = nil
		}
		if text == "" {
			want, werr = nil, nil
		}
		if (err != nil) != (werr != nil) || werr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("decodeList(%q) = %q, %v; json.Unmarshal: %q, %v", text, got, err, want, werr)
		}
	}
	for _, text := range []string{`[""]`, `["a","b"]`, `["社保","补缴"]`, `["ALREADY_INSURED_HERE"]`} {
		if _, ok := plainList(text); !ok {
			t.Errorf("%s did not take the plain path", text)
		}
	}
}

// TestDecodeListAllocations: a plain list costs one allocation, the
// slice (json.Unmarshal: 6).
func TestDecodeListAllocations(t *testing.T) {
	text := `["ALREADY_INSURED_HERE"]`
	if n := testing.AllocsPerRun(100, func() { _, _ = decodeList(text) }); n > 1 {
		t.Errorf("decodeList(%s): %v allocations, want 1", text, n)
	}
}
