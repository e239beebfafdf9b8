package dev.tessera.caption;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.TesseraException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JDK's DOM parser and serializer, locked down for files that come from anywhere (a sidecar copied from
 * the internet): no DOCTYPE at all - XMP never has one, and refusing it rules out external entities, entity
 * expansion bombs and DTD fetches in one go - no XInclude, no external access of any kind.
 */
final class SecureXml {
    private SecureXml() {}

    static Document parse(byte[] xml, Path name) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() { // the default handler prints "[Fatal Error]" to stderr
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            String why = e.getMessage() == null ? "not well-formed XML" : e.getMessage().lines().findFirst().orElse("");
            throw new BadInputException(name + ": existing sidecar is not valid XMP (" + why + "); left unchanged");
        } catch (ParserConfigurationException | java.io.IOException e) {
            throw new TesseraException(name + ": cannot read the sidecar (" + e.getMessage() + ")", e);
        }
    }

    /** UTF-8 with an XML declaration on its own line; the document's own whitespace is kept as it is. */
    static byte[] serialize(Document doc, Path name) {
        try {
            TransformerFactory f = TransformerFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = f.newTransformer();
            t.setOutputProperty(OutputKeys.METHOD, "xml");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            // The serializer would run the declaration into the root element; written by hand it gets its line.
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
            t.transform(new DOMSource(doc), new StreamResult(out));
            byte[] body = out.toByteArray();
            if (body[body.length - 1] != '\n') out.write('\n');
            return out.toByteArray();
        } catch (TransformerException | java.io.IOException e) {
            throw new TesseraException(name + ": cannot write XMP (" + e.getMessage() + ")", e);
        }
    }
}
