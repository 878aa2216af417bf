package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"shebao"
)

// maxParts bounds the entries of a workbook's zip.
const maxParts = 1000

// checkZip checks a workbook's zip before excelize unpacks it: the number
// of parts, what each part and all of them unpack to (archive/zip refuses
// an entry that inflates past its declared size, so the declared sizes
// hold), and, reading every XML part once in a streaming pass, that no XML
// token, cell, shared string or row is larger than l allows — the tokens
// that encoding/xml would hold whole in memory.
func checkZip(zr *zip.Reader, l Limits) error {
	if len(zr.File) > maxParts {
		return Unreadable(fmt.Errorf("sheet: %d parts", len(zr.File)))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(l.Unpacked) || (!isWorksheet(f.Name) && f.UncompressedSize64 > uint64(l.Part)) {
			return unpackedError(l)
		}
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(strings.ToLower(f.Name), ".xml") && !strings.HasSuffix(strings.ToLower(f.Name), ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return Unreadable(err)
		}
		err = scanXML(rc, l)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func unpackedError(l Limits) error {
	return shebao.Invalid("file", ReasonUnpacked, Size(l.Unpacked))
}

func isWorksheet(name string) bool {
	return strings.HasPrefix(strings.ToLower(strings.ReplaceAll(name, "\\", "/")), "xl/worksheets/sheet")
}

// errTooBig is an XML token, cell or row above the limits: the file holds
// something no spreadsheet program writes (e.g. megabytes of blank space),
// so it is refused as unpacking too large.
var errTooBig = errors.New("sheet: XML token above the limits")

// errMarkup is a DOCTYPE or another declaration no workbook holds.
var errMarkup = errors.New("sheet: XML markup this reader does not take")

// scanXML reads one XML part to its end with constant memory and fails if
// a token (text between tags, a tag, a comment, …) is above l.Token bytes,
// a cell (<c>) or shared string (<si>) element above l.Token, or a row
// (<row>) above l.Row. A DOCTYPE (entities) is refused.
func scanXML(r io.Reader, l Limits) error {
	br := bufio.NewReaderSize(r, 32<<10)
	var off, tokenStart int64
	elem := map[string]int64{} // open c / si / row / is element → its start offset
	limitOf := map[string]int64{"c": int64(l.Token), "si": int64(l.Token), "is": int64(l.Token), "row": int64(l.Row)}
	tooLarge := func() error { return unpackedError(l) }
	var name []byte
	for {
		chunk, err := br.ReadSlice('<') // the text up to the next tag
		off += int64(len(chunk))
		text := off - tokenStart
		if err == nil {
			text-- // the '<'
		}
		if text > int64(l.Token) {
			return tooLarge()
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return Unreadable(err)
		}
		start := off - 1
		kind, err := tag(br, &off, int64(l.Token), &name)
		if errors.Is(err, errTooBig) {
			return tooLarge()
		}
		if err != nil {
			return err
		}
		tokenStart = off
		local := string(name)
		if i := strings.LastIndexByte(local, ':'); i >= 0 {
			local = local[i+1:]
		}
		lim, tracked := limitOf[local]
		if !tracked {
			continue
		}
		switch kind {
		case tagOpen:
			elem[local] = start
		case tagClose:
			if s, ok := elem[local]; ok && off-s > lim {
				return tooLarge()
			}
			delete(elem, local)
		}
		for n, s := range elem {
			if off-s > limitOf[n] {
				return tooLarge()
			}
		}
	}
}

type tagKind int

const (
	tagOpen tagKind = iota
	tagClose
	tagEmpty
	tagOther // comment, CDATA, processing instruction
)

// tag reads the rest of a markup token after its '<' and returns its kind
// and, in name, the element's name.
func tag(br *bufio.Reader, off *int64, max int64, name *[]byte) (tagKind, error) {
	n := int64(1)
	next := func() (byte, error) {
		b, err := br.ReadByte()
		if err != nil {
			if err == io.EOF {
				return 0, Unreadable(io.ErrUnexpectedEOF)
			}
			return 0, Unreadable(err)
		}
		*off++
		n++
		if n > max {
			return 0, errTooBig
		}
		return b, nil
	}
	head, _ := br.Peek(8)
	switch {
	case bytes.HasPrefix(head, []byte("!--")):
		return tagOther, until(next, "-->")
	case bytes.HasPrefix(head, []byte("![CDATA[")):
		return tagOther, until(next, "]]>")
	case bytes.HasPrefix(head, []byte("?")):
		return tagOther, until(next, "?>")
	case bytes.HasPrefix(head, []byte("!")):
		return tagOther, Unreadable(errMarkup)
	}
	kind := tagOpen
	*name = (*name)[:0]
	inName, quote, last := true, byte(0), byte(0)
	for {
		b, err := next()
		if err != nil {
			return 0, err
		}
		switch {
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			quote = b
		case b == '>':
			if last == '/' {
				kind = tagEmpty
			}
			return kind, nil
		case b == '/' && n == 2:
			kind = tagClose
			continue
		}
		if inName {
			if b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '/' || b == '>' {
				inName = false
			} else if len(*name) < 64 {
				*name = append(*name, b)
			}
		}
		last = b
	}
}

// until reads bytes until they end with end.
func until(next func() (byte, error), end string) error {
	var tail []byte
	for {
		b, err := next()
		if err != nil {
			return err
		}
		tail = append(tail, b)
		if len(tail) > len(end) {
			tail = tail[1:]
		}
		if string(tail) == end {
			return nil
		}
	}
}
