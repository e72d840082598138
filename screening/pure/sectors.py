"""Codes for the factors of Art. 4(1) of Regulation (EU) 2019/452 that a filing names.

The filing says which sectors the investment touches; triage weighs them later.
"""

SECTORS: dict[str, str] = {
    # Art. 4(1)(a) critical infrastructure, physical or virtual
    "infrastructure.energy": "Critical infrastructure: energy",
    "infrastructure.transport": "Critical infrastructure: transport",
    "infrastructure.water": "Critical infrastructure: water",
    "infrastructure.health": "Critical infrastructure: health",
    "infrastructure.communications": "Critical infrastructure: communications",
    "infrastructure.media": "Critical infrastructure: media",
    "infrastructure.data": "Critical infrastructure: data processing or storage",
    "infrastructure.aerospace": "Critical infrastructure: aerospace",
    "infrastructure.defence": "Critical infrastructure: defence",
    "infrastructure.electoral": "Critical infrastructure: electoral",
    "infrastructure.financial": "Critical infrastructure: financial",
    "infrastructure.sensitive_facilities": "Critical infrastructure: sensitive facilities",
    "infrastructure.land": "Land and real estate crucial for critical infrastructure",
    # Art. 4(1)(b) critical technologies and dual-use items
    "technology.artificial_intelligence": "Critical technology: artificial intelligence",
    "technology.robotics": "Critical technology: robotics",
    "technology.semiconductors": "Critical technology: semiconductors",
    "technology.cybersecurity": "Critical technology: cybersecurity",
    "technology.aerospace": "Critical technology: aerospace",
    "technology.defence": "Critical technology: defence",
    "technology.energy_storage": "Critical technology: energy storage",
    "technology.quantum": "Critical technology: quantum",
    "technology.nuclear": "Critical technology: nuclear",
    "technology.nanotechnologies": "Critical technology: nanotechnologies",
    "technology.biotechnologies": "Critical technology: biotechnologies",
    "technology.dual_use": "Dual-use items (Regulation (EU) 2021/821)",
    # Art. 4(1)(c) supply of critical inputs
    "inputs.energy": "Supply of critical inputs: energy",
    "inputs.raw_materials": "Supply of critical inputs: raw materials",
    "inputs.food_security": "Supply of critical inputs: food security",
    # Art. 4(1)(d) sensitive information
    "information.personal_data": "Access to sensitive information: personal data",
    "information.other": "Access to or control of other sensitive information",
    # Art. 4(1)(e)
    "media.freedom_pluralism": "Freedom and pluralism of the media",
}
