package io.claimdesk.voice.webhook;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A TwiML answer parsed as XML, with the few reads the tests make. */
record TwimlDoc(Document doc) {

  static TwimlDoc parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new TwimlDoc(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      throw new AssertionError("not XML: " + xml, e);
    }
  }

  Element root() {
    return doc.getDocumentElement();
  }

  /** The direct children of {@code <Response>}, by name. */
  List<String> verbs() {
    return children(root()).stream().map(Element::getTagName).toList();
  }

  Element first(String tag) {
    List<Element> all = all(tag);
    if (all.isEmpty()) {
      throw new AssertionError("no <" + tag + "> in the TwiML");
    }
    return all.get(0);
  }

  List<Element> all(String tag) {
    List<Element> result = new ArrayList<>();
    var nodes = doc.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      result.add((Element) nodes.item(i));
    }
    return result;
  }

  /** The identities the {@code <Dial>} rings in the softphone, in order. */
  List<String> clients() {
    return all("Identity").stream().map(e -> e.getTextContent().trim()).toList();
  }

  /** The phone numbers the {@code <Dial>} rings, in order. */
  List<String> numbers() {
    return all("Number").stream().map(e -> e.getTextContent().trim()).toList();
  }

  static List<Element> children(Element parent) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        result.add(e);
      }
    }
    return result;
  }
}
