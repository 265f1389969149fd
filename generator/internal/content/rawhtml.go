package content

import (
	"go.yaml.in/yaml/v3"

	"guidepost/generator/internal/yamlx"
)

// rawHTML decodes the raw_html setting: sanitize (the default) or escape; it reports true
// for escape.
func rawHTML(d *yamlx.Decoder, k, v *yaml.Node) bool {
	var mode string
	d.String(&mode)(k, v)
	switch mode {
	case "", "sanitize":
		return false
	case "escape":
		return true
	}
	d.Hintf(v, "write sanitize (keep the safe HTML, the default) or escape (show HTML as text)", "raw_html: %q is not a choice", mode)
	return false
}
