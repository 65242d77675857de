package css

// prop is a property the cascade computes, by number: the cascade finds
// and compares declarations by number, many times per element, and a set
// of them fits in one word.
type prop uint8

// The properties the cascade computes; declarations of others are
// dropped when a sheet is compiled, to keep sheets small.
const (
	pCustom              prop = iota // a custom property (--x), named in decl.prop
	pColor                           // color
	pWebkitTextFillColor             // -webkit-text-fill-color
	pBackground                      // background
	pBackgroundColor                 // background-color
	pBackgroundImage                 // background-image
	pOpacity                         // opacity
	pFont                            // font
	pFontSize                        // font-size
	pFontWeight                      // font-weight
	pDisplay                         // display
	pVisibility                      // visibility
	pPosition                        // position
	pTextShadow                      // text-shadow
	pMixBlendMode                    // mix-blend-mode
	pFilter                          // filter
	pBackdropFilter                  // backdrop-filter
	pClip                            // clip
	pClipPath                        // clip-path
	pWidth                           // width
	pHeight                          // height
	pMaxWidth                        // max-width
	pMaxHeight                       // max-height
	pOverflow                        // overflow
	pTextIndent                      // text-indent
	pContent                         // content
	pLeft                            // left
	pTop                             // top
	pRight                           // right
	pTransform                       // transform
	pOutline                         // outline
	pOutlineStyle                    // outline-style
	pOutlineWidth                    // outline-width
	pOutlineColor                    // outline-color
	pBoxShadow                       // box-shadow
	pTextDecoration                  // text-decoration
	pTextDecorationLine              // text-decoration-line
	pBorder                          // border
	pBorderBottom                    // border-bottom
	pBorderBottomStyle               // border-bottom-style
	pBorderBottomWidth               // border-bottom-width
	pZIndex                          // z-index
	pMargin                          // margin
	pMarginTop                       // margin-top
	pMarginLeft                      // margin-left
	numProps
)

// propNames are the properties' names, by number.
var propNames = [numProps]string{
	pColor:               "color",
	pWebkitTextFillColor: "-webkit-text-fill-color",
	pBackground:          "background",
	pBackgroundColor:     "background-color",
	pBackgroundImage:     "background-image",
	pOpacity:             "opacity",
	pFont:                "font",
	pFontSize:            "font-size",
	pFontWeight:          "font-weight",
	pDisplay:             "display",
	pVisibility:          "visibility",
	pPosition:            "position",
	pTextShadow:          "text-shadow",
	pMixBlendMode:        "mix-blend-mode",
	pFilter:              "filter",
	pBackdropFilter:      "backdrop-filter",
	pClip:                "clip",
	pClipPath:            "clip-path",
	pWidth:               "width",
	pHeight:              "height",
	pMaxWidth:            "max-width",
	pMaxHeight:           "max-height",
	pOverflow:            "overflow",
	pTextIndent:          "text-indent",
	pContent:             "content",
	pLeft:                "left",
	pTop:                 "top",
	pRight:               "right",
	pTransform:           "transform",
	pOutline:             "outline",
	pOutlineStyle:        "outline-style",
	pOutlineWidth:        "outline-width",
	pOutlineColor:        "outline-color",
	pBoxShadow:           "box-shadow",
	pTextDecoration:      "text-decoration",
	pTextDecorationLine:  "text-decoration-line",
	pBorder:              "border",
	pBorderBottom:        "border-bottom",
	pBorderBottomStyle:   "border-bottom-style",
	pBorderBottomWidth:   "border-bottom-width",
	pZIndex:              "z-index",
	pMargin:              "margin",
	pMarginTop:           "margin-top",
	pMarginLeft:          "margin-left",
}

// propByName numbers a lower-case property name; ok is false for a
// property the cascade does not compute.
var propByName = func() map[string]prop {
	m := make(map[string]prop, numProps)
	for p := pCustom + 1; p < numProps; p++ {
		m[propNames[p]] = p
	}
	return m
}()

// A set of properties fits in one word.
var _ = [64 - numProps]struct{}{}
