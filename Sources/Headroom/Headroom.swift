@_exported import HeadroomExact
