package scoring

import (
	"path"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html/atom"
)

// linkSubroles are the DPUB roles that are links.
var linkSubroles = []string{"doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref"}

// inputFieldRoles and toggleFieldRoles are the ARIA field roles whose
// custom (non-native) uses need a name.
var (
	inputFieldRoles  = []string{"combobox", "listbox", "searchbox", "slider", "spinbutton", "textbox"}
	toggleFieldRoles = []string{"checkbox", "menuitemcheckbox", "menuitemradio", "radio", "switch", "option"}
)

// outcome turns a test into passed or failed.
func outcome(ok bool) Outcome {
	if ok {
		return Passed
	}
	return Failed
}

// html reports whether e is the HTML element with the atom.
func isHTML(e *Element, a atom.Atom) bool {
	return e.Node.DataAtom == a && e.Node.Namespace == ""
}

// exposed reports whether the element is in the accessibility tree as far
// as the name rules are concerned. Descendants of roles whose children are
// presentational (a button, a tab) count: WAI-ARIA 1.2 says browsers
// should not expose them, but Chromium does (its accessibility tree keeps
// the images, headings and fields inside a button), and so axe-core
// judges them; the ACT rules apply to what the browser exposes.
func exposed(e *Element) bool { return !e.Hidden() }

// checkOnScreen fails an element that moves or blinks wherever it is drawn:
// one that is not rendered or is invisible moves for no one (WCAG 2.2.2
// is about content people see; axe-core leaves hidden elements out too),
// while aria-hidden content still blinks on screen.
func checkOnScreen(p *Page, e *Element) Outcome {
	if !e.visible() {
		return Inapplicable
	}
	return Failed
}

func checkImageAlt(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Img) || !exposed(e) {
		return Inapplicable
	}
	switch e.Role {
	case "none":
		return Passed // decorative
	case "img", "image":
		return outcome(p.HasName(e))
	}
	return Inapplicable // another role: its own rules judge it
}

func checkRoleImgAlt(p *Page, e *Element) Outcome {
	if isHTML(e, atom.Img) || e.Node.Namespace == "svg" || !exposed(e) {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkSVGImgAlt(p *Page, e *Element) Outcome {
	if e.Node.Namespace != "svg" || e.RoleAttr == "" || !exposed(e) {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkInputImageAlt(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Input) || inputType(e.Node) != "image" || e.Hidden() || e.Role != "button" {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkAreaAlt(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Area) || !e.Has("href") || e.Role != "link" {
		return Inapplicable
	}
	// An area is drawn, and exposed, through the image that uses its map,
	// wherever the map itself sits (HTML, image maps; ACT c487ae applies
	// to what is in the accessibility tree).
	if img := p.mapImage(e); img == nil || img.Hidden() {
		return Inapplicable
	}
	// Its map's own hiding does not hide it, so its name counts whatever
	// the map's ancestors say.
	return outcome(strings.TrimSpace(p.nameOf(e, nameCtx{includeHidden: true})) != "")
}

// areaMap returns the <map> that an <area> is in, or nil.
func areaMap(area *Element) *Element {
	for a := area.Parent; a != nil; a = a.Parent {
		if isHTML(a, atom.Map) {
			return a
		}
	}
	return nil
}

// usemapImages returns the page's images that use an image map, in
// document order, by the name that their usemap attribute gives after its
// "#" (once per page).
func (p *Page) usemapImages() map[string][]*Element {
	return p.Memo("usemap", func() any {
		u := map[string][]*Element{}
		for _, x := range p.Elements {
			if v := attrVal(x.Node, "usemap"); isHTML(x, atom.Img) && strings.HasPrefix(v, "#") {
				u[v[1:]] = append(u[v[1:]], x)
			}
		}
		return u
	}).(map[string][]*Element)
}

// mapImage returns the first image that uses the map an <area> is in, or
// nil. HTML matches a usemap against the map's name, or its id when it
// has no name.
func (p *Page) mapImage(area *Element) *Element {
	m := areaMap(area)
	if m == nil {
		return nil
	}
	name := attrVal(m.Node, "name")
	if name == "" {
		name = attrVal(m.Node, "id")
	}
	if imgs := p.usemapImages()[name]; len(imgs) > 0 {
		return imgs[0]
	}
	return nil
}

// objectMedia guesses whether an <object> embeds an image, audio or video,
// from its type attribute or the extension of its data URL.
func objectMedia(e *Element) bool {
	if t := strings.ToLower(strings.TrimSpace(attrVal(e.Node, "type"))); t != "" {
		return strings.HasPrefix(t, "image/") || strings.HasPrefix(t, "audio/") || strings.HasPrefix(t, "video/")
	}
	data := attrVal(e.Node, "data")
	if i := strings.IndexAny(data, "?#"); i >= 0 {
		data = data[:i]
	}
	switch strings.ToLower(path.Ext(data)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".ico", ".avif",
		".mp3", ".wav", ".ogg", ".oga", ".m4a", ".aac", ".flac",
		".mp4", ".webm", ".ogv", ".mov", ".m4v", ".avi":
		return true
	}
	return false
}

func checkObjectAlt(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Object) || e.RoleAttr != "" || !exposed(e) || !objectMedia(e) {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkVideoCaption(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Video) || e.Hidden() {
		return Inapplicable
	}
	for _, t := range p.Sel(e).ChildrenMatcher(trackElement).Nodes {
		if strings.EqualFold(strings.TrimSpace(attrVal(t, "kind")), "captions") {
			return Passed
		}
	}
	return CantTell
}

// trackElement matches <track>, a video's timed text.
var trackElement = cascadia.MustCompile("track")

func checkLinkName(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.A) || !exposed(e) || !isA(e.Role, "link") {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkButtonName(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Button) || !exposed(e) || e.Role != "button" {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkInputButtonName(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Input) || !exposed(e) || e.Role != "button" {
		return Inapplicable
	}
	switch inputType(e.Node) {
	case "button", "submit", "reset":
		return outcome(p.HasName(e))
	}
	return Inapplicable
}

// native reports whether the element is one whose own rule judges its name.
func native(e *Element) bool {
	if e.Node.Namespace != "" {
		return false
	}
	switch e.Node.DataAtom {
	case atom.Button:
		return e.Role == "button"
	case atom.Input:
		switch inputType(e.Node) {
		case "button", "submit", "reset", "image":
			return e.Role == "button"
		}
		return true // the label rule judges every other <input>
	case atom.Area, atom.Select, atom.Textarea:
		return true
	case atom.A:
		return isA(e.Role, "link")
	}
	return false
}

func checkCommandName(p *Page, e *Element) Outcome {
	if native(e) || !exposed(e) {
		return Inapplicable
	}
	if e.Role != "button" && e.Role != "menuitem" && !isA(e.Role, "link") {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkLabel(p *Page, e *Element) Outcome {
	if !exposed(e) || e.Role == "none" {
		return Inapplicable
	}
	if isHTML(e, atom.Input) {
		switch inputType(e.Node) {
		case "button", "submit", "reset", "image", "hidden":
			return Inapplicable
		}
	} else if !isHTML(e, atom.Textarea) {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

// checkLabelNotPlaceholder fails a field whose only name is its
// placeholder: the ACT rule and axe accept it as a name, but it vanishes
// while the field is filled in and is no label in WCAG's sense (3.3.2).
func checkLabelNotPlaceholder(p *Page, e *Element) Outcome {
	if checkLabel(p, e) == Inapplicable || strings.TrimSpace(attrVal(e.Node, "placeholder")) == "" {
		return Inapplicable
	}
	return outcome(p.HasNameBesidesPlaceholder(e))
}

func checkSelectName(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Select) || !exposed(e) || e.Role == "none" {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkInputFieldName(p *Page, e *Element) Outcome {
	if native(e) || e.RoleAttr == "" || !exposed(e) || p.comboboxPopup(e) {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

// comboboxPopup reports whether a listbox is the popup of a combobox: inside
// it, or named by its aria-controls or aria-owns. The ARIA 1.2 combobox
// pattern names the combobox, and screen readers announce the popup's
// options through it (axe-core's no-naming-method-matches leaves such a
// listbox out too).
func (p *Page) comboboxPopup(e *Element) bool {
	if e.Role != "listbox" {
		return false
	}
	for a := e.Parent; a != nil; a = a.Parent {
		if a.Role != "" && a.Role != "generic" && a.Role != "none" {
			if a.Role == "combobox" {
				return true
			}
			break
		}
	}
	id := attrVal(e.Node, "id")
	if id == "" {
		return false
	}
	popups := p.Memo("combobox-popups", func() any {
		m := map[string]bool{}
		for _, c := range p.Elements {
			if c.Role != "combobox" || c.RoleAttr != "combobox" {
				continue
			}
			for _, k := range []string{"aria-controls", "aria-owns"} {
				for _, ref := range strings.Fields(attrVal(c.Node, k)) {
					m[ref] = true
				}
			}
		}
		return m
	}).(map[string]bool)
	return popups[id]
}

func checkToggleFieldName(p *Page, e *Element) Outcome {
	if e.RoleAttr == "" || !exposed(e) {
		return Inapplicable
	}
	if e.Node.Namespace == "" {
		switch e.Node.DataAtom {
		case atom.Select, atom.Textarea, atom.Option:
			return Inapplicable
		case atom.Input:
			// An <input> with a toggle role: the label rule judges native
			// checkboxes and radios, this rule the others.
			switch inputType(e.Node) {
			case "checkbox", "radio":
				if e.RoleAttr == "checkbox" || e.RoleAttr == "radio" || e.RoleAttr == "switch" {
					return Inapplicable
				}
			}
		}
	}
	return outcome(p.HasName(e))
}

// explicitRoleNamed judges the elements given one of the roles
// explicitly: failed without an accessible name.
func explicitRoleNamed(roles ...string) func(p *Page, e *Element) Outcome {
	return func(p *Page, e *Element) Outcome {
		if !contains(roles, e.RoleAttr) || !exposed(e) {
			return Inapplicable
		}
		return outcome(p.HasName(e))
	}
}

// noNamingMethod leaves out of a check the elements that HTML names
// natively (axeNamingMethods), as axe-core's no-naming-method-matches
// does for its best-practice rules about naming elements by their role
// (aria-dialog-name, aria-treeitem-name: there only aria-label,
// aria-labelledby, title and, for roles named from their content, the
// content name an element).
func noNamingMethod(check func(p *Page, e *Element) Outcome) func(p *Page, e *Element) Outcome {
	return func(p *Page, e *Element) Outcome {
		if axeNamingMethods(e) {
			return Inapplicable
		}
		return check(p, e)
	}
}

func checkSummaryName(p *Page, e *Element) Outcome {
	if !isHTML(e, atom.Summary) || e.Parent == nil || !isHTML(e.Parent, atom.Details) || !isFirstSummary(e.Node) || !exposed(e) {
		return Inapplicable
	}
	if e.RoleAttr != "" && e.Role != "none" && e.RoleAttr != "none" && e.RoleAttr != "presentation" {
		return Inapplicable // another role: its own rules judge it
	}
	return outcome(p.HasName(e))
}

func checkHeadingName(p *Page, e *Element) Outcome {
	if !exposed(e) {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkMultipleLabels(p *Page, e *Element) Outcome {
	if e.Hidden() || !labelable(e.Node) {
		return Inapplicable
	}
	n := 0
	for _, l := range p.LabelsOf(e) {
		if !l.Hidden() {
			n++
		}
	}
	if n == 0 {
		return Inapplicable
	}
	return outcome(n == 1)
}

func checkFrameTitle(p *Page, e *Element) Outcome {
	if e.Hidden() || e.RoleAttr == "none" || e.RoleAttr == "presentation" {
		return Inapplicable
	}
	if i, ok := tabIndex(e.Node); ok && i < 0 {
		return Inapplicable
	}
	return outcome(p.HasName(e))
}

func checkFrameTitleUnique(p *Page, e *Element) Outcome {
	if e.Hidden() {
		return Inapplicable
	}
	title := collapse(strings.ToLower(attrVal(e.Node, "title")))
	if title == "" {
		return Inapplicable
	}
	frames := p.Memo("frame-titles", func() any {
		m := map[string]map[string]bool{}
		for _, f := range p.Elements {
			if (isHTML(f, atom.Iframe) || isHTML(f, atom.Frame)) && !f.Hidden() {
				t := collapse(strings.ToLower(attrVal(f.Node, "title")))
				if m[t] == nil {
					m[t] = map[string]bool{}
				}
				m[t][attrVal(f.Node, "src")+"\x00"+attrVal(f.Node, "srcdoc")] = true
			}
		}
		return m
	}).(map[string]map[string]bool)
	return outcome(len(frames[title]) <= 1)
}

// maxSrcdoc bounds the srcdoc documents that are parsed.
const maxSrcdoc = 1 << 20

func checkFrameFocusable(p *Page, e *Element) Outcome {
	if !e.visible() || e.Has("inert") {
		return Inapplicable
	}
	if w, h := attrVal(e.Node, "width"), attrVal(e.Node, "height"); strings.TrimSpace(w) == "0" || strings.TrimSpace(w) == "1" || strings.TrimSpace(h) == "0" || strings.TrimSpace(h) == "1" {
		return Inapplicable // too small to be seen
	}
	src, ok := e.Attr("srcdoc")
	if !ok || len(src) > maxSrcdoc {
		return Inapplicable // the document is elsewhere: scoring does not fetch
	}
	sub, err := Parse([]byte(src), "text/html; charset=utf-8", p.URL+"#srcdoc")
	if err != nil {
		return Inapplicable
	}
	focusable := false
	for _, d := range sub.Elements {
		if sub.InTabOrder(d) {
			focusable = true
			break
		}
	}
	if !focusable {
		return Inapplicable
	}
	if i, ok := tabIndex(e.Node); ok && i < 0 {
		return Failed
	}
	return Passed
}

// imageExts are the extensions of image files, as found in alt text that is
// really a file name.
var imageExts = []string{".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".bmp", ".tif", ".tiff", ".avif", ".heic"}

func checkAltFilename(p *Page, e *Element) Outcome {
	alt, ok := e.Attr("alt")
	alt = strings.ToLower(strings.TrimSpace(alt))
	if !ok || alt == "" || e.Hidden() {
		return Inapplicable
	}
	if isHTML(e, atom.Input) && inputType(e.Node) != "image" {
		return Inapplicable
	}
	if !strings.ContainsRune(alt, ' ') {
		for _, x := range imageExts {
			if strings.HasSuffix(alt, x) {
				return Failed
			}
		}
	}
	if src := strings.ToLower(path.Base(attrVal(e.Node, "src"))); src != "." && src != "/" && src == alt {
		return Failed
	}
	return Passed
}

// labelForDuplicateID declares the fields whose id another element bears
// first: HTML's labeled control of <label for=ID> is the first element in
// tree order with that id, so such a label names the other element (or
// nothing), and Chromium gives the field no name; axe-core finds a field's
// labels by its own id.
var labelForDuplicateID = AxeDiff{Side: OursOnly, Selector: "input[id], textarea[id], select[id]",
	Elements: "fields whose id an earlier element also bears, named by a <label for> of that id",
	Match: func(p *Page, e *Element) bool {
		id := attrVal(e.Node, "id")
		return p.ByID(id) != e && len(p.LabelsFor(id)) > 0
	},
	Why: "HTML, the label element: its labeled control is the first element in tree order whose id is the for attribute's value, so with duplicate ids the label names that element, not this field, and Chromium exposes the field without a name; axe-core looks up a field's labels by the field's own id."}
