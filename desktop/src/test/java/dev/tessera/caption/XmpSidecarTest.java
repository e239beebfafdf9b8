package dev.tessera.caption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.engine.BadInputException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class XmpSidecarTest {
    static final String RDF = XmpSidecar.RDF, DC = XmpSidecar.DC;

    @TempDir
    Path tmp;

    /** A darktable sidecar with history, rating, two description languages and a keyword. */
    static final String DARKTABLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                xmlns:darktable="http://darktable.sf.net/"
                xmlns:dc="http://purl.org/dc/elements/1.1/"
               xmp:Rating="3"
               darktable:xmp_version="5">
               <darktable:history>
                <rdf:Seq>
                 <rdf:li darktable:operation="exposure" darktable:enabled="1"/>
                </rdf:Seq>
               </darktable:history>
               <dc:description>
                <rdf:Alt>
                 <rdf:li xml:lang="x-default">old caption</rdf:li>
                 <rdf:li xml:lang="de">alte Beschriftung</rdf:li>
                </rdf:Alt>
               </dc:description>
               <dc:subject>
                <rdf:Bag>
                 <rdf:li>holiday</rdf:li>
                </rdf:Bag>
               </dc:subject>
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            """;

    static Document parse(Path f) throws Exception {
        DocumentBuilderFactory f2 = DocumentBuilderFactory.newInstance();
        f2.setNamespaceAware(true);
        return f2.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(f)));
    }

    static String description(Document d, String lang) {
        NodeList lis = ((Element) d.getElementsByTagNameNS(DC, "description").item(0)).getElementsByTagNameNS(RDF, "li");
        for (int i = 0; i < lis.getLength(); i++) {
            Element li = (Element) lis.item(i);
            if (lang.equals(li.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"))) return li.getTextContent();
        }
        return null;
    }

    static List<String> keywords(Document d) {
        List<String> out = new ArrayList<>();
        NodeList lis = ((Element) d.getElementsByTagNameNS(DC, "subject").item(0)).getElementsByTagNameNS(RDF, "li");
        for (int i = 0; i < lis.getLength(); i++) out.add(lis.item(i).getTextContent());
        return out;
    }

    @Test
    void aNewSidecarIsValidXmpWithTheDescription() throws Exception {
        Path img = tmp.resolve("IMG_0001.jpg");
        Path xmp = new XmpSidecar(XmpSidecar.Naming.FULL).write(img, "A dog on a beach <at> dusk & more", null);
        assertEquals(tmp.resolve("IMG_0001.jpg.xmp"), xmp);
        Document d = parse(xmp);
        assertEquals("xmpmeta", d.getDocumentElement().getLocalName());
        assertEquals("A dog on a beach <at> dusk & more", description(d, "x-default"));
        assertEquals(0, d.getElementsByTagNameNS(DC, "subject").getLength());
    }

    @Test
    void mergingKeepsEveryOtherFieldAndLanguage() throws Exception {
        Path img = tmp.resolve("IMG_0002.jpg");
        Path xmpFile = tmp.resolve("IMG_0002.xmp");
        Files.writeString(xmpFile, DARKTABLE);
        XmpSidecar sidecar = new XmpSidecar(XmpSidecar.Naming.BASE);
        sidecar.write(img, "new caption", null);
        sidecar.write(img, "ignored for keywords", List.of("beach", "holiday", "dusk"));
        Document d = parse(xmpFile);
        assertEquals("new caption", description(d, "x-default"));
        assertEquals("alte Beschriftung", description(d, "de"));
        assertEquals(List.of("holiday", "beach", "dusk"), keywords(d));
        Element desc = (Element) d.getElementsByTagNameNS(RDF, "Description").item(0);
        assertEquals("3", desc.getAttributeNS("http://ns.adobe.com/xap/1.0/", "Rating"));
        assertEquals("5", desc.getAttributeNS("http://darktable.sf.net/", "xmp_version"));
        Element history = (Element) d.getElementsByTagNameNS("http://darktable.sf.net/", "history").item(0);
        assertEquals("exposure", ((Element) history.getElementsByTagNameNS(RDF, "li").item(0))
                .getAttributeNS("http://darktable.sf.net/", "operation"));
        assertEquals(1, d.getElementsByTagNameNS(DC, "description").getLength(), "no second description");
    }

    @Test
    void writingTheSameCaptionAgainChangesNothing() throws Exception {
        Path img = tmp.resolve("a.png");
        XmpSidecar sidecar = new XmpSidecar(XmpSidecar.Naming.FULL);
        Path xmp = sidecar.write(img, "same", List.of("x", "y"));
        byte[] first = Files.readAllBytes(xmp);
        var mtime = Files.getLastModifiedTime(xmp);
        Thread.sleep(20);
        sidecar.write(img, "same", List.of("x", "y"));
        assertArrayEquals(first, Files.readAllBytes(xmp));
        assertEquals(mtime, Files.getLastModifiedTime(xmp));
    }

    @Test
    void aSidecarWithADoctypeIsRefusedAndLeftAlone() throws Exception {
        Path img = tmp.resolve("evil.jpg");
        Path xmp = tmp.resolve("evil.jpg.xmp");
        String evil = """
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&secret;</dc:title>
                </rdf:Description></rdf:RDF></x:xmpmeta>
                """;
        Files.writeString(xmp, evil);
        BadInputException e = assertThrows(BadInputException.class,
                () -> new XmpSidecar(XmpSidecar.Naming.FULL).write(img, "caption", null));
        assertTrue(e.getMessage().contains("not valid XMP"), e.getMessage());
        assertEquals(evil, Files.readString(xmp));
    }

    @Test
    void xmlThatIsNotXmpIsLeftAlone() throws Exception {
        Path xmp = tmp.resolve("a.jpg.xmp");
        Files.writeString(xmp, "<notes><note>mine</note></notes>");
        assertThrows(BadInputException.class, () -> new XmpSidecar(XmpSidecar.Naming.FULL).write(tmp.resolve("a.jpg"), "c", null));
        assertEquals("<notes><note>mine</note></notes>", Files.readString(xmp));
    }

    @Test
    void txtSidecarsFollowTheDatasetConventionAndNeverReplaceAnImage() throws Exception {
        Path img = tmp.resolve("IMG_0003.jpg");
        assertEquals(tmp.resolve("IMG_0003.txt"), Sidecar.txt().write(img, "  a caption \n", null));
        assertEquals("a caption\n", Files.readString(tmp.resolve("IMG_0003.txt")));
        // An image whose name ends in .txt gets "name.txt.txt", not itself overwritten.
        Path odd = TestImages.write(tmp.resolve("scan.txt"), "png", 8, 8, 1);
        byte[] before = Files.readAllBytes(odd);
        assertEquals(tmp.resolve("scan.txt.txt"), Sidecar.txt().write(odd, "c", null));
        assertArrayEquals(before, Files.readAllBytes(odd));
        // Another image where the sidecar would go is refused.
        TestImages.write(tmp.resolve("photo.txt"), "png", 8, 8, 2);
        assertThrows(BadInputException.class, () -> Sidecar.txt().write(tmp.resolve("photo.jpg"), "c", null));
    }
}
