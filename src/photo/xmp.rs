//! XMP, the RDF/XML packet current software writes: Dublin Core, Photoshop, IPTC Core and
//! Extension, PLUS and XMP Rights properties.
//!
//! The packet is read with `quick-xml` into a small tree (bounded in depth and size), then the
//! properties are looked up by namespace URI, so any prefix a writer chose works. RDF allows a
//! simple property as an attribute of `rdf:Description` or as an element, a language
//! alternative (`rdf:Alt`, where `x-default` wins), an ordered or unordered list, and a
//! structure (`rdf:parseType="Resource"`, a nested `rdf:Description`, or attributes).
//!
//! A packet with a document type declaration is refused whole: XMP never needs one, and a
//! DTD is how entity-expansion attacks start. `quick-xml` never expands entities itself; an
//! undeclared entity reference also refuses the packet.

use std::collections::BTreeMap;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::{Block, Embedded, Place, Tagged, Warning, clean, set};

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
const IPTC_CORE: &str = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
const IPTC_EXT: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
const PLUS: &str = "http://ns.useplus.org/ldf/xmp/1.0/";
const XMP_RIGHTS: &str = "http://ns.adobe.com/xap/1.0/rights/";
const EXIF: &str = "http://ns.adobe.com/exif/1.0/";
const XMP_BASIC: &str = "http://ns.adobe.com/xap/1.0/";

/// Deeper nesting than this is no XMP any writer produces.
const MAX_DEPTH: usize = 48;
/// More elements than this is no photo's packet; a ceiling on memory for hostile ones.
const MAX_NODES: usize = 50_000;
/// The largest packet read. Real ones are a few kilobytes; padding can add some more.
const MAX_PACKET: usize = 4 * 1024 * 1024;

/// An element of the packet: its namespace and name, attributes, text and children.
#[derive(Debug, Default)]
struct Node {
    ns: String,
    name: String,
    attrs: Vec<(String, String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    fn attr(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, l, _)| n == ns && l == name)
            .map(|(_, _, v)| v.as_str())
    }
}

/// A property's value in RDF's data model.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    /// `rdf:Seq`, `rdf:Bag` or `rdf:Alt` items; an `Alt`'s `x-default` item comes first.
    List(Vec<Value>),
    Struct(BTreeMap<(String, String), Value>),
}

impl Value {
    /// The text of a simple value, or of a list's first item.
    fn text(&self) -> Option<String> {
        match self {
            Value::Text(t) => clean(t),
            Value::List(items) => items.first()?.text(),
            Value::Struct(_) => None,
        }
    }

    fn texts(&self) -> Vec<String> {
        match self {
            Value::List(items) => items.iter().filter_map(Value::text).collect(),
            other => other.text().into_iter().collect(),
        }
    }

    fn structs(&self) -> Vec<&BTreeMap<(String, String), Value>> {
        match self {
            Value::Struct(s) => vec![s],
            Value::List(items) => items.iter().flat_map(Value::structs).collect(),
            Value::Text(_) => Vec::new(),
        }
    }
}

/// Reads the XMP properties a figure uses into `embedded`.
pub fn read(packet: &[u8], embedded: &mut Embedded, warnings: &mut Vec<Warning>) {
    let properties = match properties(packet) {
        Ok(p) => p,
        Err(why) => {
            warnings.push(Warning(format!("the XMP packet is ignored: {why}")));
            return;
        }
    };
    let get = |ns: &str, name: &str| properties.get(&(ns.to_string(), name.to_string()));
    let text = |ns: &str, name: &str| get(ns, name).and_then(Value::text);
    let from = Block::Xmp;
    set(&mut embedded.title, text(DC, "title"), from);
    set(&mut embedded.headline, text(PHOTOSHOP, "Headline"), from);
    set(&mut embedded.caption, text(DC, "description"), from);
    set(&mut embedded.alt, text(IPTC_CORE, "AltTextAccessibility"), from);
    set(
        &mut embedded.extended_description,
        text(IPTC_CORE, "ExtDescrAccessibility"),
        from,
    );
    set(&mut embedded.credit_line, text(PHOTOSHOP, "Credit"), from);
    set(&mut embedded.source, text(PHOTOSHOP, "Source"), from);
    set(&mut embedded.copyright, text(DC, "rights"), from);
    set(&mut embedded.usage_terms, text(XMP_RIGHTS, "UsageTerms"), from);
    set(&mut embedded.web_statement, text(XMP_RIGHTS, "WebStatement"), from);
    if let Some(creators) = get(DC, "creator").map(Value::texts).filter(|c| !c.is_empty()) {
        embedded.creators = Some(Tagged { value: creators, from });
    }
    if let Some(licensor) = get(PLUS, "Licensor").and_then(|v| v.structs().into_iter().next()) {
        let field = |name: &str| {
            licensor
                .get(&(PLUS.to_string(), name.to_string()))
                .and_then(Value::text)
        };
        set(&mut embedded.licensor_url, field("LicensorURL"), from);
        set(&mut embedded.licensor_name, field("LicensorName"), from);
    }
    let date = [
        (EXIF, "DateTimeOriginal"),
        (PHOTOSHOP, "DateCreated"),
        (XMP_BASIC, "CreateDate"),
    ]
    .into_iter()
    .find_map(|(ns, name)| text(ns, name).as_deref().and_then(xmp_date));
    if let Some(value) = date {
        embedded.date_taken = Some(Tagged { value, from });
    }
    let created = get(IPTC_EXT, "LocationCreated")
        .and_then(|v| v.structs().into_iter().next().map(location))
        .unwrap_or_else(|| Place {
            sublocation: text(IPTC_CORE, "Location"),
            city: text(PHOTOSHOP, "City"),
            region: text(PHOTOSHOP, "State"),
            country: text(PHOTOSHOP, "Country"),
        });
    if created != Place::default() {
        embedded.place_taken = Some(Tagged { value: created, from });
    }
    if let Some(shown) = get(IPTC_EXT, "LocationShown") {
        embedded.places_shown = shown
            .structs()
            .into_iter()
            .map(location)
            .filter(|p| *p != Place::default())
            .collect();
    }
    if let Some(people) = get(IPTC_EXT, "PersonInImage")
        .map(Value::texts)
        .filter(|p| !p.is_empty())
    {
        embedded.people_shown = people;
    }
    if let Some(keywords) = get(DC, "subject").map(Value::texts).filter(|k| !k.is_empty()) {
        embedded.keywords = keywords;
    }
}

/// An IPTC Extension location structure as a place.
fn location(s: &BTreeMap<(String, String), Value>) -> Place {
    let field = |name: &str| s.get(&(IPTC_EXT.to_string(), name.to_string())).and_then(Value::text);
    Place {
        sublocation: field("Sublocation").or_else(|| field("LocationName")),
        city: field("City"),
        region: field("ProvinceState"),
        country: field("CountryName"),
    }
}

/// XMP dates are ISO 8601, from a year alone to a full timestamp; only a full date is a date.
fn xmp_date(s: &str) -> Option<jiff::civil::Date> {
    s.get(..10)?.parse().ok()
}

/// Every property of every `rdf:Description` in the packet, first statement winning.
fn properties(packet: &[u8]) -> Result<BTreeMap<(String, String), Value>, String> {
    let root = tree(packet)?;
    let mut out = BTreeMap::new();
    collect(&root, &mut out);
    Ok(out)
}

fn collect(node: &Node, out: &mut BTreeMap<(String, String), Value>) {
    if node.is(RDF, "Description") {
        for (key, value) in description(node) {
            out.entry(key).or_insert(value);
        }
        return;
    }
    for child in &node.children {
        collect(child, out);
    }
}

/// The properties of a description or structure: its attributes and its child elements.
fn description(node: &Node) -> BTreeMap<(String, String), Value> {
    let mut out = BTreeMap::new();
    for (ns, name, value) in &node.attrs {
        if !ns.is_empty() && ns != RDF && ns != XML {
            out.insert((ns.clone(), name.clone()), Value::Text(value.clone()));
        }
    }
    for child in &node.children {
        out.insert((child.ns.clone(), child.name.clone()), value(child));
    }
    out
}

/// The value of a property element.
fn value(node: &Node) -> Value {
    if node.attr(RDF, "parseType") == Some("Resource") {
        return Value::Struct(description(node));
    }
    let Some(inner) = node.children.first() else {
        if node
            .attrs
            .iter()
            .any(|(ns, _, _)| !ns.is_empty() && ns != RDF && ns != XML)
        {
            return Value::Struct(description(node));
        }
        return Value::Text(node.text.clone());
    };
    if inner.is(RDF, "Description") {
        return Value::Struct(description(inner));
    }
    let is_alt = inner.is(RDF, "Alt");
    if is_alt || inner.is(RDF, "Seq") || inner.is(RDF, "Bag") {
        let mut items: Vec<(bool, Value)> = inner
            .children
            .iter()
            .filter(|li| li.is(RDF, "li"))
            .map(|li| (li.attr(XML, "lang") == Some("x-default"), value(li)))
            .collect();
        if is_alt {
            // Stable: the x-default item first, the others in the packet's order.
            items.sort_by_key(|(default, _)| !default);
        }
        return Value::List(items.into_iter().map(|(_, v)| v).collect());
    }
    Value::Struct(description(node))
}

/// The packet as a tree of elements, refusing what XMP never contains.
fn tree(packet: &[u8]) -> Result<Node, String> {
    if packet.len() > MAX_PACKET {
        return Err(format!("it is larger than {} MB", MAX_PACKET / 1024 / 1024));
    }
    let text = std::str::from_utf8(packet).map_err(|_| "it is not UTF-8".to_string())?;
    // Packets are often padded with NULs or whitespace to leave room for edits.
    let text = text.trim_end_matches(['\0', ' ', '\n', '\r', '\t']);
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Node> = vec![Node::default()];
    let mut nodes = 0usize;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("it is not well-formed XML ({e})"))?;
        let ns = namespace(ns);
        match event {
            Event::DocType(_) => return Err("it declares a DTD, which XMP never needs".into()),
            Event::Start(ref e) | Event::Empty(ref e) => {
                nodes += 1;
                if nodes > MAX_NODES || stack.len() > MAX_DEPTH {
                    return Err("it is nested too deeply or has too many elements".into());
                }
                let mut node = Node {
                    ns,
                    name: e.local_name().as_ref().to_string(),
                    ..Node::default()
                };
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| format!("an attribute is malformed ({e})"))?;
                    let (attr_ns, local) = reader.resolver().resolve_attribute(attr.key);
                    let attr_ns = match attr_ns {
                        ResolveResult::Bound(n) => n.as_ref().to_string(),
                        _ if attr.key.as_ref() == "xml:lang" => XML.to_string(),
                        _ => String::new(),
                    };
                    let value = attr
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| format!("an attribute value is malformed ({e})"))?;
                    node.attrs
                        .push((attr_ns, local.as_ref().to_string(), value.into_owned()));
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(node);
                } else if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().ok_or("it closes more elements than it opens")?;
                let parent = stack.last_mut().ok_or("it closes more elements than it opens")?;
                parent.children.push(node);
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => return Err(format!("it refers to an undeclared entity &{};", &*r)),
                    },
                };
                push_text(&mut stack, &c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("it ends before its elements are closed".into());
    }
    Ok(stack.pop().unwrap_or_default())
}

fn push_text(stack: &mut [Node], text: &str) {
    if let Some(node) = stack.last_mut()
        && node.text.len() + text.len() <= MAX_PACKET
    {
        node.text.push_str(text);
    }
}

fn namespace(ns: ResolveResult<'_>) -> String {
    match ns {
        ResolveResult::Bound(n) => n.as_ref().to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_packet(xml: &str) -> (Embedded, Vec<Warning>) {
        let mut e = Embedded::default();
        let mut w = Vec::new();
        read(xml.as_bytes(), &mut e, &mut w);
        (e, w)
    }

    const FULL: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:ps="http://ns.adobe.com/photoshop/1.0/"
  xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
  xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
  xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"
  xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
  ps:Credit="Tagus Pictures" ps:DateCreated="2022-03-14T09:30:00"
  xmpRights:WebStatement="https://example.org/licence">
 <dc:title><rdf:Alt><rdf:li xml:lang="pt">Cais</rdf:li><rdf:li xml:lang="x-default">Quay at dawn</rdf:li></rdf:Alt></dc:title>
 <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Nets dry on the quay &amp; the boats wait.</rdf:li></rdf:Alt></dc:description>
 <dc:creator><rdf:Seq><rdf:li>Rosa Quintal</rdf:li></rdf:Seq></dc:creator>
 <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">&#169; 2022 Tagus Pictures</rdf:li></rdf:Alt></dc:rights>
 <Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">Green nets on a stone quay</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
 <Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li rdf:parseType="Resource">
   <Iptc4xmpExt:City>Setúbal</Iptc4xmpExt:City><Iptc4xmpExt:CountryName>Portugal</Iptc4xmpExt:CountryName>
 </rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>
 <Iptc4xmpExt:LocationShown><rdf:Bag><rdf:li Iptc4xmpExt:Sublocation="Quay 4" Iptc4xmpExt:City="Setúbal"/></rdf:Bag></Iptc4xmpExt:LocationShown>
 <Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Ana Brito</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>
 <plus:Licensor><rdf:Seq><rdf:li><rdf:Description plus:LicensorURL="https://example.org/buy"/></rdf:li></rdf:Seq></plus:Licensor>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#;

    #[test]
    fn reads_every_namespace_in_every_rdf_form() {
        let (e, w) = read_packet(FULL);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(e.title.unwrap().value, "Quay at dawn", "x-default wins");
        assert_eq!(e.caption.unwrap().value, "Nets dry on the quay & the boats wait.");
        assert_eq!(e.creators.unwrap().value, ["Rosa Quintal"]);
        assert_eq!(e.copyright.unwrap().value, "© 2022 Tagus Pictures");
        assert_eq!(e.credit_line.as_ref().unwrap().value, "Tagus Pictures");
        assert_eq!(e.credit_line.unwrap().from, Block::Xmp);
        assert_eq!(e.alt.unwrap().value, "Green nets on a stone quay");
        assert_eq!(e.date_taken.unwrap().value, jiff::civil::date(2022, 3, 14));
        assert_eq!(e.place_taken.unwrap().value.display(), "Setúbal, Portugal");
        assert_eq!(e.places_shown[0].display(), "Quay 4, Setúbal");
        assert_eq!(e.people_shown, ["Ana Brito"]);
        assert_eq!(e.licensor_url.unwrap().value, "https://example.org/buy");
        assert_eq!(e.web_statement.unwrap().value, "https://example.org/licence");
    }

    /// One row per hostile or broken packet: each is refused with a warning, nothing read.
    #[test]
    fn hostile_and_broken_packets_are_refused() {
        let rows = [
            (
                r#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>"#,
                "DTD",
            ),
            (
                r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&boom;</dc:title></rdf:Description></rdf:RDF>"#,
                "undeclared entity",
            ),
            (
                r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description"#,
                "well-formed",
            ),
            (
                r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>"#,
                "before its elements are closed",
            ),
        ];
        for (xml, why) in rows {
            let (e, w) = read_packet(xml);
            assert_eq!(e, Embedded::default(), "{xml}");
            assert!(w.len() == 1 && w[0].0.contains(why), "{xml}: {w:?}");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 2);
        let (_, w) = read_packet(&deep);
        assert!(w[0].0.contains("nested too deeply"), "{w:?}");
    }
}
