package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An XMP sidecar as darktable, digiKam, Lightroom and exiftool read it: {@code dc:description} as a language
 * alternative ({@code x-default}), or for the keywords preset {@code dc:subject} as a bag of keywords. An
 * existing sidecar is merged, not replaced: every other property, history entry and language stays as it was;
 * keywords are added to those already there; only the x-default description is replaced. A sidecar that is
 * not well-formed XMP is left untouched and reported.
 */
public final class XmpSidecar implements Sidecar {
    /** FULL: {@code IMG_0001.jpg.xmp} (darktable, digiKam); BASE: {@code IMG_0001.xmp} (Lightroom, Capture One). */
    public enum Naming { FULL, BASE }

    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String DC = "http://purl.org/dc/elements/1.1/";

    private static final String EMPTY = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Tessera">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            """;

    private final Naming naming;

    public XmpSidecar(Naming naming) {
        this.naming = naming;
    }

    @Override
    public Path target(Path image) {
        return Sidecar.beside(image, ".xmp", naming == Naming.FULL);
    }

    @Override
    public Path write(Path image, String caption, List<String> keywords) {
        Path target = target(image);
        byte[] old = Sidecar.readExisting(target);
        Sidecar.replaceIfChanged(target, merge(old, keywords == null ? caption.strip() : null, keywords, target));
        return target;
    }

    /**
     * The sidecar bytes with the description and/or keywords set.
     *
     * @param existing the current sidecar, or null to start an empty one
     * @param name     how to name the file in an error
     */
    static byte[] merge(byte[] existing, String description, List<String> keywords, Path name) {
        Document doc = existing == null ? SecureXml.parse(EMPTY.getBytes(java.nio.charset.StandardCharsets.UTF_8), name)
                : SecureXml.parse(existing, name);
        // rdf:RDF is the root, or sits below x:xmpmeta (possibly wrapped in an xpacket).
        Element rdf = (Element) doc.getElementsByTagNameNS(RDF, "RDF").item(0);
        if (rdf == null) throw new BadInputException(name + ": not an XMP sidecar (no rdf:RDF); left unchanged");
        if (description != null) {
            Element alt = container(property(rdf, "description"), "Alt", "Alt");
            Element li = null;
            for (Element e : children(alt, RDF, "li")) {
                if ("x-default".equals(e.getAttributeNS(XMLConstants.XML_NS_URI, "lang"))) li = e;
            }
            if (li == null) {
                li = rdfElement(rdf, "li");
                li.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "x-default");
                Element firstLi = first(alt, RDF, "li");
                if (firstLi == null) appendIndented(alt, li);
                else alt.insertBefore(li, firstLi); // x-default comes first, as the XMP spec recommends
            }
            li.setTextContent(description);
        }
        if (keywords != null && !keywords.isEmpty()) {
            Element bag = container(property(rdf, "subject"), "Bag", "Seq");
            List<String> have = new ArrayList<>();
            for (Element e : children(bag, RDF, "li")) have.add(e.getTextContent().strip());
            for (String k : keywords) {
                if (have.contains(k)) continue;
                Element li = rdfElement(rdf, "li");
                li.setTextContent(k);
                appendIndented(bag, li);
                have.add(k);
            }
        }
        return SecureXml.serialize(doc, name);
    }

    /** The dc property element, found in any rdf:Description, or added to the first one. */
    private static Element property(Element rdf, String local) {
        List<Element> descriptions = children(rdf, RDF, "Description");
        for (Element d : descriptions) {
            Element p = first(d, DC, local);
            if (p != null) return p;
        }
        Element desc;
        if (descriptions.isEmpty()) {
            desc = rdfElement(rdf, "Description");
            desc.setAttributeNS(RDF, qualified(rdf.getPrefix(), "about"), "");
            appendIndented(rdf, desc);
        } else {
            desc = descriptions.getFirst();
        }
        // A simple-valued attribute form (dc:description="...") would duplicate the property: the element wins.
        desc.removeAttributeNS(DC, local);
        String prefix = desc.lookupPrefix(DC);
        if (prefix == null) {
            prefix = desc.lookupNamespaceURI("dc") == null ? "dc" : "tessera_dc";
            desc.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, DC);
        }
        Element p = rdf.getOwnerDocument().createElementNS(DC, prefix + ":" + local);
        appendIndented(desc, p);
        return p;
    }

    /** The property's rdf:Alt / rdf:Bag (or the accepted alternative kind); replaces any other content. */
    private static Element container(Element property, String kind, String alsoAccepted) {
        Element c = first(property, RDF, kind);
        if (c == null) c = first(property, RDF, alsoAccepted);
        if (c != null) return c;
        while (property.getFirstChild() != null) property.removeChild(property.getFirstChild());
        c = rdfElement(property, kind);
        appendIndented(property, c);
        return c;
    }

    private static Element rdfElement(Element near, String local) {
        String prefix = near.lookupPrefix(RDF);
        return near.getOwnerDocument().createElementNS(RDF, qualified(prefix, local));
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    /** Appends a child on its own line, indented one space per level as XMP writers do. */
    private static void appendIndented(Element parent, Element child) {
        int depth = 0;
        for (Node n = parent; n.getParentNode() instanceof Element; n = n.getParentNode()) depth++;
        Document doc = parent.getOwnerDocument();
        Node last = parent.getLastChild();
        if (last != null && last.getNodeType() == Node.TEXT_NODE && last.getTextContent().isBlank()) {
            parent.insertBefore(doc.createTextNode("\n" + " ".repeat(depth + 1)), last);
            parent.insertBefore(child, last);
        } else {
            parent.appendChild(doc.createTextNode("\n" + " ".repeat(depth + 1)));
            parent.appendChild(child);
            parent.appendChild(doc.createTextNode("\n" + " ".repeat(depth)));
        }
    }

    /** The first child element with that name, or null. */
    static Element first(Element parent, String ns, String local) {
        List<Element> c = children(parent, ns, local);
        return c.isEmpty() ? null : c.getFirst();
    }

    static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) out.add(e);
        }
        return out;
    }
}
