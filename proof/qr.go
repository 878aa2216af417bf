package proof

import (
	"encoding/base64"

	qrcode "github.com/skip2/go-qrcode"
)

// QRDataURI returns a PNG QR code of url as a data: URI, for an <img> on
// the printable proof; size is in pixels.
func QRDataURI(url string, size int) (string, error) {
	png, err := qrcode.Encode(url, qrcode.Medium, size)
	if err != nil {
		return "", err
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(png), nil
}

// VerifyPath is the public verification page's path with a code.
func VerifyPath(code string) string { return "/verify?code=" + code }
