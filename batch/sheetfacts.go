package batch

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// facts are what excelize's row iterator does not tell: the merged ranges
// and the cells holding a formula, read in one streaming pass over the
// worksheet's XML.
type facts struct {
	merges   []mergeRange
	formulas map[int]string // row → the first cell in a template column holding a formula
	numbers  map[int]bool   // rows whose ID-number cell is a number cell
}

type mergeRange struct {
	ref        string
	row1, row2 int
}

// maxMerges bounds the merged ranges a worksheet may have.
const maxMerges = 10_000

// merged returns the merged range touching a row, if any.
func (f facts) merged(row int) (string, bool) {
	for _, m := range f.merges {
		if m.row1 <= row && row <= m.row2 {
			return m.ref, true
		}
	}
	return "", false
}

// readFacts streams the XML of the named worksheet of an .xlsx: cols are
// the 1-based columns whose formulas matter, below the header row, and
// idCol the 1-based column of the ID number.
func readFacts(data []byte, sheet string, cols map[int]bool, idCol, headerRow int) (facts, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return facts{}, err
	}
	name, err := sheetPath(zr, sheet)
	if err != nil {
		return facts{}, err
	}
	rc, err := zr.Open(name)
	if err != nil {
		return facts{}, err
	}
	defer rc.Close()
	out := facts{formulas: map[int]string{}, numbers: map[int]bool{}}
	d := xml.NewDecoder(io.LimitReader(rc, MaxUnzipBytes))
	var cell string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return facts{}, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "c":
			cell = attr(se, "r")
			if t := attr(se, "t"); t == "" || t == "n" {
				if c, r, err := excelize.CellNameToCoordinates(cell); err == nil && c == idCol && r > headerRow {
					out.numbers[r] = true
				}
			}
		case "f":
			out.formula(cell, cols, headerRow)
		case "mergeCell":
			if err := out.merge(attr(se, "ref"), headerRow); err != nil {
				return facts{}, err
			}
		}
	}
}

func (f *facts) formula(cell string, cols map[int]bool, headerRow int) {
	c, r, err := excelize.CellNameToCoordinates(cell)
	if err != nil || r <= headerRow || !cols[c] {
		return
	}
	if _, ok := f.formulas[r]; !ok {
		f.formulas[r] = cell
	}
}

func (f *facts) merge(ref string, headerRow int) error {
	from, to, _ := strings.Cut(ref, ":")
	_, r1, err1 := excelize.CellNameToCoordinates(from)
	_, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || r2 <= headerRow {
		return nil // a merge within the header row is harmless once the headers were read
	}
	if len(f.merges) == maxMerges {
		return errTooManyMerges
	}
	f.merges = append(f.merges, mergeRange{ref: ref, row1: max(r1, headerRow+1), row2: r2})
	return nil
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// sheetPath finds the part name of a worksheet through xl/workbook.xml and
// its relationships.
func sheetPath(zr *zip.Reader, sheet string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join("xl", r.Target), nil
			}
		}
	}
	return "", errNoSheet
}

func decodePart(zr *zip.Reader, name string, v any) error {
	rc, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, streamXMLBytes*8)).Decode(v)
}
