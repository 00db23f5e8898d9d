"""The plain-text format of information pages: what an organisation types in the admin.

A blank line separates paragraphs; a line starting with "## " is a heading; consecutive lines
starting with "- " are a list. Nothing else has meaning, and no HTML is ever passed through."""


def blocks_of(body: str) -> list[dict]:
    blocks: list[dict] = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        for line in lines:
            if line.startswith("## "):
                if paragraph:
                    blocks.append({"p": " ".join(paragraph)})
                    paragraph = []
                blocks.append({"h": line[3:].strip()})
            elif line.startswith("- "):
                if paragraph:
                    blocks.append({"p": " ".join(paragraph)})
                    paragraph = []
                if blocks and "ul" in blocks[-1]:
                    blocks[-1]["ul"].append(line[2:].strip())
                else:
                    blocks.append({"ul": [line[2:].strip()]})
            else:
                paragraph.append(line)
        if paragraph:
            blocks.append({"p": " ".join(paragraph)})
    return blocks


def text_of(blocks: list[dict]) -> str:
    """The starting set's blocks (koers/portal/data/information.json) as editable text."""
    parts = []
    for block in blocks:
        if "h" in block:
            parts.append(f"## {block['h']}")
        elif "ul" in block:
            parts.append("\n".join(f"- {item}" for item in block["ul"]))
        elif "p" in block:
            parts.append(block["p"])
    return "\n\n".join(parts)
